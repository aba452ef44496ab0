namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// An account to create, as the email grain claimed it: email (normalized), name, hashed password, role and
/// creation time. The email grain keeps it until the user grain has it, so that it can create the user again
/// after a crash.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.NewUser")]
public sealed record NewUser(
    [property: Id(0)] string Email,
    [property: Id(1)] string Name,
    [property: Id(2)] PasswordHash Password,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] DateTimeOffset CreatedAt);
