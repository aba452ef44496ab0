using Microsoft.IdentityModel.Tokens;

namespace Shop.Gateway.Auth;

/// <summary>
/// Judges a token's lifetime by the injected <see cref="TimeProvider"/> rather than the machine clock that the token
/// library reads, so that expiry follows the same clock as the rest of the system (tests move it forward).
/// </summary>
internal static class TokenLifetimeValidator
{
    public static LifetimeValidator For(TimeProvider time) => (notBefore, expires, _, parameters) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is not { } expiresAt)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } notBeforeAt && notBeforeAt > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {notBeforeAt:O}.") { NotBefore = notBeforeAt };
        }

        if (expiresAt < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expiresAt:O}.") { Expires = expiresAt };
        }

        return true;
    };
}
