namespace Shop.Grains.Interfaces.Users;

/// <summary>No account has this user id.</summary>
[GenerateSerializer, Alias("shop.UnknownUserException")]
public sealed class UnknownUserException(Guid userId) : Exception($"There is no account {userId}.")
{
    [Id(0)]
    public Guid UserId { get; } = userId;
}
