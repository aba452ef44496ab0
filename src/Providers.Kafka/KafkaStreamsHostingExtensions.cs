using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Shop.Providers.Kafka;

/// <summary>
/// Registration of the Kafka stream provider on silos (produce and consume) and clients (produce only).
/// </summary>
/// <remarks>
/// Pub-sub: Orleans' default for persistent streams (<c>StreamPubSubType.ExplicitGrainBasedAndImplicit</c>) keeps
/// explicit subscriptions in grain storage named <c>"PubSubStore"</c> (or named like the provider), which the caller
/// registers; a deployment with implicit subscriptions only can call
/// <c>configureStream: s => s.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)</c> and need no storage.
/// The same <c>configureStream</c> sets the pulling agent, queue balancer and cache size
/// (<see cref="ConfigureCache"/>).
/// </remarks>
public static class KafkaStreamsHostingExtensions
{
    /// <summary>Adds a Kafka-backed persistent stream provider named <paramref name="name"/> to a silo.</summary>
    public static ISiloBuilder AddKafkaStreams(
        this ISiloBuilder builder,
        string name,
        Action<KafkaStreamOptions> configure,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream =>
        {
            Register(stream, configure);
            configureStream?.Invoke(stream);
        });
    }

    /// <summary>Adds a Kafka-backed stream provider named <paramref name="name"/> to a client, which only produces.</summary>
    public static IClientBuilder AddKafkaStreams(
        this IClientBuilder builder,
        string name,
        Action<KafkaStreamOptions> configure,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream =>
        {
            Register(stream, configure);
            configureStream?.Invoke(stream);
        });
    }

    /// <summary>Sets the size (in messages) of each queue's cache; Orleans' default is 4096.</summary>
    public static void ConfigureCache(this IPersistentStreamConfigurator configurator, int cacheSize = SimpleQueueCacheOptions.DEFAULT_CACHE_SIZE)
    {
        configurator.Configure<SimpleQueueCacheOptions>(ob => ob.Configure(options => options.CacheSize = cacheSize));
    }

    private static void Register(IPersistentStreamConfigurator stream, Action<KafkaStreamOptions> configure)
    {
        stream.Configure<KafkaStreamOptions>(ob => ob.Configure(configure));
        stream.Configure<SimpleQueueCacheOptions>(ob => ob.Configure(_ => { }));
        stream.ConfigureDelegate(services => services.AddSingleton<IConfigurationValidator>(sp =>
            new KafkaStreamOptionsValidator(sp.GetOptionsByName<KafkaStreamOptions>(stream.Name), stream.Name)));
    }
}
