namespace Shop.Grains.Users;

/// <summary>Accounts: when they fall dormant and how hard their passwords are to guess from a stolen hash (<c>Shop:Users</c>).</summary>
public sealed class UserOptions
{
    public const string Section = "Shop:Users";

    /// <summary>The fewest PBKDF2 iterations <see cref="PasswordIterations"/> may be set to.</summary>
    public const int MinPasswordIterations = 100_000;

    /// <summary>
    /// How long an account may go without signing in before it is dormant: it may not order until it signs in
    /// again (shared/API.md, <c>user-dormant</c>). Default six months, counted as 183 days.
    /// </summary>
    public TimeSpan DormantAfter { get; set; } = TimeSpan.FromDays(183);

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations of new password hashes. Default 600,000 (OWASP's figure for this hash);
    /// at least <see cref="MinPasswordIterations"/>. Raising it is safe: each stored hash carries its own count,
    /// and a hash with fewer is made again with this many at the account's next successful sign-in.
    /// </summary>
    public int PasswordIterations { get; set; } = 600_000;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key when a value cannot work.</summary>
    public void Validate()
    {
        if (DormantAfter <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:DormantAfter is {DormantAfter}; it must be a positive time span such as 183.00:00:00.");
        }

        if (PasswordIterations < MinPasswordIterations)
        {
            throw new InvalidOperationException($"{Section}:PasswordIterations is {PasswordIterations}; it must be at least {MinPasswordIterations}.");
        }
    }
}
