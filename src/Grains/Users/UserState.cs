using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>An account as stored (grain state <c>user</c> of <see cref="UserGrain"/>).</summary>
[GenerateSerializer]
public sealed class UserState
{
    /// <summary>Normalized (<see cref="AccountRules.NormalizeEmail"/>).</summary>
    [Id(0)]
    public string Email { get; set; } = "";

    [Id(1)]
    public string Name { get; set; } = "";

    /// <summary>Set for every stored account; null only in the empty state of an account that does not exist.</summary>
    [Id(2)]
    public PasswordHash? Password { get; set; }

    [Id(3)]
    public UserRole Role { get; set; }

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last successful sign-in, or the registration before the first one.</summary>
    [Id(5)]
    public DateTimeOffset LastSeenAt { get; set; }

    public bool IsDormantAt(DateTimeOffset now, TimeSpan dormantAfter) => now - LastSeenAt >= dormantAfter;
}
