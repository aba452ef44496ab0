using System.Security.Cryptography;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>
/// Password hashing with PBKDF2-HMAC-SHA256 and a random salt per hash. Deliberately slow, so the work runs on the
/// thread pool rather than on the grain's turn (the grain still waits for it, so one account's checks stay in order).
/// </summary>
internal static class Passwords
{
    public const string Algorithm = "PBKDF2-HMAC-SHA256";

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // What the hash of "no account" is compared with: never equal to a derived hash that matters.
    private static readonly byte[] NobodysSalt = new byte[SaltBytes];
    private static readonly byte[] NobodysHash = new byte[HashBytes];

    public static Task<PasswordHash> HashAsync(string password, int iterations) => Task.Run(() => Hash(password, iterations));

    public static Task<bool> VerifyAsync(string password, PasswordHash stored) => Task.Run(() => Verify(password, stored));

    /// <summary>
    /// Spends what checking a password against an account costs, for a sign-in that has no account: otherwise
    /// the answer's speed would tell which email addresses are registered. Always false.
    /// </summary>
    public static Task<bool> VerifyWithoutAccountAsync(string password, int iterations) => Task.Run(() =>
    {
        _ = Verify(password, new PasswordHash(Algorithm, iterations, NobodysSalt, NobodysHash));
        return false;
    });

    /// <summary>Whether a hash that was just verified should be made again: it has fewer iterations than configured.</summary>
    public static bool NeedsRehash(PasswordHash stored, int iterations) => stored.Iterations < iterations;

    private static PasswordHash Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(Algorithm, iterations, salt, Derive(password, salt, iterations));
    }

    private static bool Verify(string password, PasswordHash stored)
    {
        if (stored.Algorithm != Algorithm)
        {
            throw new NotSupportedException($"Password hashes of algorithm {stored.Algorithm} cannot be checked.");
        }

        // Compared in constant time: how long the comparison takes says nothing about how much of the hash matched.
        return CryptographicOperations.FixedTimeEquals(Derive(password, stored.Salt, stored.Iterations), stored.Hash);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
