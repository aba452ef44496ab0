using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Shop.Gateway.Auth;

/// <summary>
/// Hands the JWT bearer handler its issuer and signing key through its asynchronous configuration hook (the one an
/// OpenID Connect authority would fill), so that the key can come from a grain without blocking a request.
/// </summary>
internal sealed class SigningKeyConfiguration(TokenSigningKeys keys) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = AccessTokens.Issuer };
        configuration.SigningKeys.Add(await keys.GetAsync().WaitAsync(cancel));
        return configuration;
    }

    public void RequestRefresh()
    {
        // The key does not change while the process runs.
    }
}
