using System.Net;

namespace Shop.Gateway.Hosting;

/// <summary>
/// The <c>Shop:Cluster</c> section: how Orleans processes find and watch each other. Read by the silo and by
/// the gateway process alike.
/// </summary>
/// <remarks>
/// The membership timings are tighter than Orleans' defaults (which take 10–20 s to declare a killed silo
/// dead, and until then every call to a grain that lived there fails): with these defaults a silo that
/// vanishes without a goodbye is declared dead within a few seconds and its grains come back elsewhere.
/// They are probes over the silo-to-silo connection, so they stay cheap; raise them on a slow or loaded network.
/// </remarks>
public sealed class ClusterSettings
{
    /// <summary>Orleans cluster id and service id. Default <c>shop</c>.</summary>
    public string ClusterId { get; set; } = "shop";

    /// <summary>Orleans silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port of a silo (also the port a gateway process dials on localhost clustering). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address other silos and clients reach this silo at, and that it listens on (the pod IP on
    /// Kubernetes). Default <c>127.0.0.1</c>.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Initial timeout of a liveness probe between silos (Orleans <c>ClusterMembershipOptions.ProbeTimeout</c>;
    /// the period between probes adapts around it, between half and four times it). Default 1 second
    /// (Orleans: 5 seconds).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Missed probes after which a silo votes another one dead (Orleans <c>NumMissedProbesLimit</c>). Default 3,
    /// Orleans' own: with a 1-second probe timeout a killed silo is declared dead after about 3 seconds.
    /// </summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// How often a silo writes its heartbeat into the membership table (Orleans <c>IAmAliveTablePublishTimeout</c>),
    /// which is how the table tells a stale entry from a live one. Default 5 seconds (Orleans: 30 seconds).
    /// </summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a silo rereads the membership table (Orleans <c>TableRefreshTimeout</c>); changes also spread by
    /// gossip, so this is the fallback. Default 10 seconds (Orleans: 60 seconds).
    /// </summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a client (the gateway process) rereads the list of silo gateways (Orleans
    /// <c>GatewayOptions.GatewayListRefreshPeriod</c>), so that it spreads over silos that joined later.
    /// Default 10 seconds (Orleans: 1 minute).
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><see cref="AdvertisedAddress"/> parsed; call <see cref="Validate"/> first.</summary>
    public IPAddress AdvertisedIPAddress => IPAddress.Parse(AdvertisedAddress);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the key when the section cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new InvalidOperationException("Shop:Cluster:ClusterId is empty.");
        }

        RequirePort(SiloPort, "Shop:Cluster:SiloPort");
        RequirePort(GatewayPort, "Shop:Cluster:GatewayPort");
        if (SiloPort == GatewayPort)
        {
            throw new InvalidOperationException($"Shop:Cluster:SiloPort and Shop:Cluster:GatewayPort are both {SiloPort}; they must differ.");
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            throw new InvalidOperationException($"Shop:Cluster:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.");
        }

        RequirePositive(ProbeTimeout, "Shop:Cluster:ProbeTimeout");
        RequirePositive(IAmAliveTablePublishTimeout, "Shop:Cluster:IAmAliveTablePublishTimeout");
        RequirePositive(TableRefreshTimeout, "Shop:Cluster:TableRefreshTimeout");
        RequirePositive(GatewayListRefreshPeriod, "Shop:Cluster:GatewayListRefreshPeriod");
        if (NumMissedProbesLimit < 1)
        {
            throw new InvalidOperationException($"Shop:Cluster:NumMissedProbesLimit is {NumMissedProbesLimit}; it must be at least 1.");
        }
    }

    private static void RequirePort(int port, string key)
    {
        if (port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{key} is {port}; it must be a TCP port between 1 and 65535.");
        }
    }

    private static void RequirePositive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{key} is {value}; it must be a positive time span such as 00:00:05.");
        }
    }
}
