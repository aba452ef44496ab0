namespace Shop.Gateway.Hardening;

/// <summary>
/// Endpoint metadata that replaces the gateway's default Content-Security-Policy (<see cref="Default"/>) for pages
/// that need more, such as Orleans' dashboard with its inline styles and embedded fonts.
/// </summary>
public sealed record ContentSecurityPolicy(string Policy)
{
    /// <summary>Everything from the gateway itself, except product images, which live on other hosts (https).</summary>
    public const string Default = "default-src 'self'; img-src 'self' https: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
}
