namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// The cluster's key for signing bearer tokens (use key 0), generated on first use and kept in grain storage, so
/// that every gateway process of a cluster signs and checks tokens with the same key and none is in the repository.
/// Gateways use it unless <c>Shop:Auth:SigningKey</c> is configured.
/// </summary>
[Alias("shop.ITokenSigningKeyGrain")]
public interface ITokenSigningKeyGrain : IGrainWithIntegerKey
{
    /// <summary>The key (256 random bits), created and stored by the first call.</summary>
    Task<byte[]> GetKeyAsync();
}
