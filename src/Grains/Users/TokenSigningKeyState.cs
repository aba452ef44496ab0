namespace Shop.Grains.Users;

/// <summary>The cluster's token signing key as stored (grain state <c>key</c> of <see cref="TokenSigningKeyGrain"/>).</summary>
[GenerateSerializer]
public sealed class TokenSigningKeyState
{
    /// <summary>Empty until the first gateway asks for it.</summary>
    [Id(0)]
    public byte[] Key { get; set; } = [];

    [Id(1)]
    public DateTimeOffset CreatedAt { get; set; }
}
