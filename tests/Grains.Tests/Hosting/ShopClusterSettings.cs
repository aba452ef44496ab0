using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Shop.Grains.Tests.Hosting;

/// <summary>Where a test cluster keeps its inventory.</summary>
public enum InventoryStore
{
    Sqlite,
    MySql,
}

/// <summary>
/// What a test cluster's silos are made of. Orleans creates silo configurators by type, so these settings
/// travel to <see cref="ShopSiloConfigurator"/> as configuration values (<see cref="ToProperties"/>).
/// </summary>
public sealed record ShopClusterSettings
{
    private const string Prefix = "ShopTests:";

    public InventoryStore Store { get; init; } = InventoryStore.Sqlite;

    /// <summary>The SQLite data directory, or the MySQL connection string.</summary>
    public required string Location { get; init; }

    public short Silos { get; init; } = 1;

    /// <summary>The same service id keeps a restarted cluster on the same data.</summary>
    public string ServiceId { get; init; } = $"shop-tests-{Guid.NewGuid():N}";

    /// <summary>Small, so that snapshots are written (and read back) after a few operations.</summary>
    public int MinEntriesBetweenSnapshots { get; init; } = 10;

    public TimeSpan? SettledOrderRetention { get; init; }

    public TimeSpan? ForgetSettledOrdersEvery { get; init; }

    /// <summary>Declares a killed silo dead within seconds, and gives up on calls lost with a silo after 10 s instead of 30 s.</summary>
    public bool QuickFailureDetection { get; init; }

    public Dictionary<string, string?> ToProperties() => new()
    {
        [Prefix + nameof(Store)] = Store.ToString(),
        [Prefix + nameof(Location)] = Location,
        [Prefix + nameof(MinEntriesBetweenSnapshots)] = MinEntriesBetweenSnapshots.ToString(CultureInfo.InvariantCulture),
        [Prefix + nameof(SettledOrderRetention)] = SettledOrderRetention?.ToString("c", CultureInfo.InvariantCulture),
        [Prefix + nameof(ForgetSettledOrdersEvery)] = ForgetSettledOrdersEvery?.ToString("c", CultureInfo.InvariantCulture),
        [Prefix + nameof(QuickFailureDetection)] = QuickFailureDetection.ToString(CultureInfo.InvariantCulture),
    };

    public static ShopClusterSettings From(IConfiguration configuration) => new()
    {
        Store = Enum.Parse<InventoryStore>(Required(configuration, nameof(Store))),
        Location = Required(configuration, nameof(Location)),
        MinEntriesBetweenSnapshots = int.Parse(Required(configuration, nameof(MinEntriesBetweenSnapshots)), CultureInfo.InvariantCulture),
        SettledOrderRetention = OptionalTimeSpan(configuration, nameof(SettledOrderRetention)),
        ForgetSettledOrdersEvery = OptionalTimeSpan(configuration, nameof(ForgetSettledOrdersEvery)),
        QuickFailureDetection = bool.Parse(Required(configuration, nameof(QuickFailureDetection))),
    };

    private static string Required(IConfiguration configuration, string name) =>
        configuration[Prefix + name] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The test silo has no {Prefix}{name} setting; start clusters with ShopCluster.StartAsync.");

    private static TimeSpan? OptionalTimeSpan(IConfiguration configuration, string name) =>
        configuration[Prefix + name] is { Length: > 0 } value ? TimeSpan.ParseExact(value, "c", CultureInfo.InvariantCulture) : null;
}
