using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Auth;

/// <summary>
/// The key that signs and checks access tokens: <c>Shop:Auth:SigningKey</c> when configured, else the cluster's own
/// (<see cref="ITokenSigningKeyGrain"/>), read once and kept. Fetched on first use rather than at start, because a
/// gateway process may start before any silo answers.
/// </summary>
public sealed class TokenSigningKeys(IOptions<AuthSettings> settings, IGrainFactory grains)
{
    private Task<SymmetricSecurityKey>? _key;

    public Task<SymmetricSecurityKey> GetAsync()
    {
        var key = _key;
        if (key is null || key.IsFaulted || key.IsCanceled)
        {
            // Two first callers may both load it: harmless, the grain hands both the same key.
            _key = key = LoadAsync();
        }

        return key;
    }

    private async Task<SymmetricSecurityKey> LoadAsync()
    {
        var bytes = settings.Value.SigningKeyBytes() ?? await grains.GetGrain<ITokenSigningKeyGrain>(0).GetKeyAsync();

        // The key id names the key without revealing it, so that tokens say which key signed them if keys ever rotate.
        return new SymmetricSecurityKey(bytes) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(bytes)[..12]) };
    }
}
