namespace Shop.Grains.Interfaces.Users;

/// <summary>What a new user sends to register. The password is hashed by the grain and never stored as given.</summary>
[GenerateSerializer, Immutable, Alias("shop.Registration")]
public sealed record Registration([property: Id(0)] string Email, [property: Id(1)] string Password, [property: Id(2)] string Name)
{
    // A record prints its members; the password must not end up in a log line or an exception message.
    public override string ToString() => $"Registration {{ Email = {Email}, Name = {Name} }}";
}
