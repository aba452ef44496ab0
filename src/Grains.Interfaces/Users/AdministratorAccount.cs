namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// The administrator after seeding: its account, whether seeding created it (with the password given) and whether
/// it replaced an existing account's password.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.AdministratorAccount")]
public sealed record AdministratorAccount(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] bool Created,
    [property: Id(2)] bool PasswordChanged);
