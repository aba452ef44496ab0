using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>
/// The cluster's token signing key: made by the first gateway that asks and stored before it is handed out, so that
/// every gateway gets the same one, across restarts.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class TokenSigningKeyGrain(
    [PersistentState("key")] IPersistentState<TokenSigningKeyState> signingKey,
    TimeProvider time,
    ILogger<TokenSigningKeyGrain> logger) : Grain, ITokenSigningKeyGrain
{
    /// <summary>The grain type (the <c>grain_type</c> of its stored state): never change it.</summary>
    public const string GrainTypeName = "token-signing-key";

    /// <summary>256 bits: what HMAC-SHA256 needs at least.</summary>
    public const int KeyBytes = 32;

    public async Task<byte[]> GetKeyAsync()
    {
        if (signingKey.State.Key.Length < KeyBytes)
        {
            signingKey.State = new TokenSigningKeyState { Key = RandomNumberGenerator.GetBytes(KeyBytes), CreatedAt = time.GetUtcNow() };
            try
            {
                await signingKey.WriteStateAsync();
            }
            catch
            {
                // Perhaps another activation stored a key first (its write won): the next activation reads that one.
                DeactivateOnIdle();
                throw;
            }

            UsersLog.SigningKeyCreated(logger);
        }

        return signingKey.State.Key;
    }
}
