using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Providers.Sqlite.Streams;

/// <summary>
/// The Orleans queue adapter factory of the SQLite stream provider: <see cref="SqliteStreamOptions.QueueCount"/>
/// queues on a hash ring, each a slice of the <c>stream_messages</c> table of the silo's <see cref="SqliteStore"/>.
/// </summary>
public sealed class SqliteQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly SqliteStreamOptions _options;
    private readonly SqliteStore _store;
    private readonly Serializer<SqliteBatchContainer> _serializer;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;

    public SqliteQueueAdapterFactory(
        string name,
        SqliteStreamOptions options,
        SqliteStore store,
        Serializer<SqliteBatchContainer> serializer,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        _name = name;
        _options = options;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);
    }

    /// <summary>What <c>AddPersistentStreams</c> calls to build the factory of provider <paramref name="name"/>.</summary>
    public static SqliteQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SqliteStreamOptions>>().Get(name);
        return new SqliteQueueAdapterFactory(
            name,
            options,
            services.GetRequiredService<SqliteStore>(),
            services.GetRequiredService<Serializer<SqliteBatchContainer>>(),
            services,
            services.GetRequiredService<ILoggerFactory>());
    }

    public async Task<IQueueAdapter> CreateAdapter()
    {
        // Opens the file (and brings the schema to version 3) before the first enqueue or read.
        await _store.InitializeAsync().ConfigureAwait(false);
        SqliteStreamLog.Started(_loggerFactory.CreateLogger<SqliteQueueAdapterFactory>(), _name, _options.QueueCount, _store.DatabasePath);
        return new SqliteQueueAdapter(_name, _options, _store, _serializer, _mapper, _services.GetService<IDeadLetterStore>(), _loggerFactory);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <summary>
    /// The <see cref="IStreamFailureHandler"/> the host registered (the silo records what Orleans could not deliver
    /// as a dead letter), else Orleans' no-op one. A consumer that keeps failing dead-letters the event itself; this
    /// only sees what escaped it.
    /// </summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId)
        => Task.FromResult(_services.GetService<IStreamFailureHandler>() ?? new NoOpStreamDeliveryFailureHandler(false));
}
