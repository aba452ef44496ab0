namespace Shop.Gateway.Auth;

/// <summary>
/// <c>Shop:Auth</c>: bearer tokens. Read by every process that serves the API (a gateway, or a silo co-hosting it);
/// all of them must agree, since any of them may be asked to check a token another one issued.
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Shop:Auth";

    /// <summary>The fewest bytes a configured <see cref="SigningKey"/> may have (HMAC-SHA256 wants at least 256 bits).</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>How long an access token is accepted after it is issued. Default 1 hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The key that signs tokens, base64 of at least <see cref="MinSigningKeyBytes"/> random bytes (e.g.
    /// <c>openssl rand -base64 32</c>), for operators who keep secrets in their own store. No default: without it the
    /// cluster generates a key once and keeps it in grain storage (<c>ITokenSigningKeyGrain</c>), where every gateway
    /// reads it. Changing or removing it invalidates every token issued with the previous key.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary><see cref="SigningKey"/> decoded, or null when it is not configured or not usable.</summary>
    public byte[]? SigningKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            return null;
        }

        var buffer = new byte[SigningKey.Length];
        return Convert.TryFromBase64String(SigningKey.Trim(), buffer, out var written) && written >= MinSigningKeyBytes ? buffer[..written] : null;
    }

    /// <summary>Why the section cannot work (naming the key), or null when it can.</summary>
    public string? Problem()
    {
        if (TokenLifetime <= TimeSpan.Zero)
        {
            return $"{Section}:TokenLifetime is {TokenLifetime}; it must be a positive time span such as 01:00:00.";
        }

        if (!string.IsNullOrWhiteSpace(SigningKey) && SigningKeyBytes() is null)
        {
            return $"{Section}:SigningKey must be the base64 form of at least {MinSigningKeyBytes} random bytes (e.g. the output of 'openssl rand -base64 32').";
        }

        return null;
    }
}
