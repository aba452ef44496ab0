namespace Shop.Grains.Interfaces.Users;

/// <summary>A registration named an email address that already belongs to an account.</summary>
[GenerateSerializer, Alias("shop.EmailTakenException")]
public sealed class EmailTakenException(string email) : Exception($"The email address {email} is already registered.")
{
    [Id(0)]
    public string Email { get; } = email;
}
