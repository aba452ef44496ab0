namespace Shop.Gateway.Hardening;

/// <summary>
/// <c>Shop:Gateway</c>: the limits the gateway puts on its callers. Rate limits hold per gateway process (each
/// gateway of a cluster counts on its own), which is what ASP.NET Core's built-in limiter does.
/// </summary>
public sealed class GatewayLimits
{
    public const string Section = "Shop:Gateway";

    /// <summary>The largest request body, in bytes; a larger one is answered 413 <c>payload-too-large</c>. Default 256 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Orders (and checkouts) one signed-in user may place per minute. Default 60.</summary>
    public int OrdersPerMinute { get; set; } = 60;

    /// <summary>Sign-in attempts per minute for one email address, right or wrong. Default 10.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Requests per minute from one IP address without a bearer token. Default 1,200.</summary>
    public int AnonymousPerMinute { get; set; } = 1_200;

    public void Validate()
    {
        if (MaxRequestBodyBytes < 1024)
        {
            throw new InvalidOperationException($"{Section}:{nameof(MaxRequestBodyBytes)} is {MaxRequestBodyBytes}; it must be at least 1024.");
        }

        foreach (var (name, value) in new[] { (nameof(OrdersPerMinute), OrdersPerMinute), (nameof(SignInsPerMinute), SignInsPerMinute), (nameof(AnonymousPerMinute), AnonymousPerMinute) })
        {
            if (value < 1)
            {
                throw new InvalidOperationException($"{Section}:{name} is {value}; it must be at least 1.");
            }
        }
    }
}
