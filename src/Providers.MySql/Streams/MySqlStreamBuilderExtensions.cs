using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Shop.Providers.MySql.Streams;

/// <summary>
/// Orleans' own ADO.NET stream provider (<c>Microsoft.Orleans.Streaming.AdoNet</c>) on MariaDB through
/// MySqlConnector, on the tables and queries of <c>MySQL-006-OrleansStreaming.sql</c> (apply the schema with
/// <see cref="MySqlSchema.EnsureAsync"/> before Orleans starts).
/// </summary>
public static class MySqlStreamBuilderExtensions
{
    /// <summary>
    /// Adds the ADO.NET persistent stream provider <paramref name="name"/> to a silo: it enqueues into and pulls
    /// from <c>OrleansStreamMessage</c>, <see cref="MySqlStreamOptions.QueueCount"/> queues shared out among the
    /// silos. Like every persistent stream provider it needs the <c>PubSubStore</c> grain storage for explicit
    /// subscriptions.
    /// </summary>
    public static ISiloBuilder AddMySqlStreams(this ISiloBuilder builder, string name, string connectionString, Action<MySqlStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = Resolve(configure);
        return builder.AddAdoNetStreams(name, stream =>
        {
            stream.ConfigureAdoNet(o => o.Configure(adoNet => Apply(adoNet, connectionString, options)));
            stream.ConfigurePartitioning(options.QueueCount);
            stream.ConfigurePullingAgent(agent => agent.Configure(pulling => pulling.GetQueueMsgsTimerPeriod = options.PollInterval));
        });
    }

    /// <summary>
    /// Adds the same provider to a client (the gateway process publishes events as an Orleans client): it only
    /// enqueues, so it needs the same <paramref name="name"/>, connection and <see cref="MySqlStreamOptions.QueueCount"/>
    /// as the silos.
    /// </summary>
    public static IClientBuilder AddMySqlStreams(this IClientBuilder builder, string name, string connectionString, Action<MySqlStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = Resolve(configure);
        return builder.AddAdoNetStreams(name, stream =>
        {
            stream.ConfigureAdoNet(o => o.Configure(adoNet => Apply(adoNet, connectionString, options)));
            stream.ConfigurePartitioning(options.QueueCount);
        });
    }

    private static MySqlStreamOptions Resolve(Action<MySqlStreamOptions>? configure)
    {
        var options = new MySqlStreamOptions();
        configure?.Invoke(options);
        if (options.QueueCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.QueueCount, "QueueCount must be at least 1.");
        }

        if (options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.MaxAttempts, "MaxAttempts must be at least 1.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.PollInterval, "PollInterval must be positive.");
        }

        return options;
    }

    private static void Apply(AdoNetStreamOptions adoNet, string connectionString, MySqlStreamOptions options)
    {
        adoNet.Invariant = MySqlInvariant.Name;
        adoNet.ConnectionString = connectionString;
        adoNet.MaxAttempts = options.MaxAttempts;
        adoNet.VisibilityTimeout = options.VisibilityTimeout;
        adoNet.ExpiryTimeout = options.ExpiryTimeout;
        adoNet.DeadLetterEvictionTimeout = options.DeadLetterEvictionTimeout;
        adoNet.EvictionInterval = options.EvictionInterval;
    }
}
