namespace Shop.Silo;

/// <summary>The <c>Shop:Gateway</c> section of a silo.</summary>
public sealed class CoHostedGatewaySettings
{
    /// <summary>
    /// Whether this silo also serves the storefront gateway (API, OpenAPI document, pages) on its HTTP port.
    /// Default true, the embedded default's single process; a cluster may run the gateway as its own process
    /// instead. Health endpoints and the Orleans dashboard are served either way.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
