using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Auth;

/// <summary>
/// Issues access tokens: JWTs signed with HMAC-SHA256 by <see cref="TokenSigningKeys"/>, saying who the holder is
/// (<see cref="ShopClaims"/>) and expiring after <see cref="AuthSettings.TokenLifetime"/> by the injected clock.
/// </summary>
public sealed class AccessTokens(TokenSigningKeys keys, IOptions<AuthSettings> settings, TimeProvider time)
{
    public const string Issuer = "shop";
    public const string Audience = "shop-api";

    /// <summary>Tolerance for the clocks of the gateway processes that issue and check a token differing a little.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<AccessToken> IssueAsync(UserProfile user)
    {
        var key = await keys.GetAsync();
        var now = time.GetUtcNow();
        var lifetime = settings.Value.TokenLifetime;
        var expiresAt = now + lifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [ShopClaims.UserId] = user.UserId.ToString(),
                [ShopClaims.Email] = user.Email,
                [ShopClaims.Role] = ShopClaims.RoleName(user.Role),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expiresAt, lifetime);
    }
}
