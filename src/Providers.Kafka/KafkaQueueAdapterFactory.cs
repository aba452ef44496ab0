using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Providers.Kafka;

/// <summary>
/// The Kafka stream provider's components for Orleans' persistent-stream machinery: the adapter (one shared
/// idempotent producer), a receiver per partition, the queue mapper, Orleans' simple cache and a failure handler.
/// </summary>
public sealed class KafkaQueueAdapterFactory : IQueueAdapterFactory, IDisposable
{
    private readonly string _name;
    private readonly KafkaStreamOptions _options;
    private readonly string _groupId;
    private readonly Serializer<KafkaMessageBody> _serializer;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly KafkaStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private IProducer<byte[], byte[]>? _producer;
    private KafkaQueueAdapter? _adapter;

    private KafkaQueueAdapterFactory(
        string name,
        KafkaStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        string serviceId,
        IServiceProvider services)
    {
        _name = name;
        _options = options;
        _groupId = string.IsNullOrEmpty(options.ConsumerGroup) ? "shop-" + serviceId : options.ConsumerGroup;
        _services = services;
        _serializer = services.GetRequiredService<Serializer<KafkaMessageBody>>();
        _loggerFactory = services.GetRequiredService<ILoggerFactory>();
        _logger = _loggerFactory.CreateLogger($"{typeof(KafkaQueueAdapterFactory).FullName}.{name}");
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _mapper = new KafkaStreamQueueMapper(options);
        _cache = new SimpleQueueAdapterCache(cacheOptions, name, _loggerFactory);
    }

    /// <summary>The consumer group whose committed offsets are this provider's checkpoints.</summary>
    public string ConsumerGroup => _groupId;

    /// <summary>The factory of the provider named <paramref name="name"/>, from its named options (used by the registration).</summary>
    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name);
        var cacheOptions = services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name);
        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        return new KafkaQueueAdapterFactory(name, options, cacheOptions, serviceId, services);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (_adapter is not null)
            {
                return _adapter;
            }

            if (_options.CreateTopics)
            {
                await KafkaTopicCreator.EnsureTopicsAsync(_name, _options, _logger, cancellationToken);
            }

            _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(_options))
                .SetErrorHandler((_, error) => KafkaLog.ClientError(_logger, _name, "producer", error.Reason, error.IsFatal))
                .Build();

            // Read at creation: the dead-letter store may be registered by a later part of the configuration.
            var deadLetters = _services.GetService<IDeadLetterStore>();
            _adapter = new KafkaQueueAdapter(_name, _producer, _mapper, _serializer, queueId => new KafkaQueueAdapterReceiver(
                _name,
                queueId,
                _mapper.GetTopicPartition(queueId),
                _options,
                _groupId,
                _serializer,
                deadLetters,
                _time,
                _loggerFactory.CreateLogger($"{typeof(KafkaQueueAdapterReceiver).FullName}.{_name}.{queueId}")));
            return _adapter;
        }
        finally
        {
            _createGate.Release();
        }
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <summary>The <see cref="IStreamFailureHandler"/> the host registered (e.g. one that records dead letters), else one that logs.</summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult(_services.GetService<IStreamFailureHandler>() ?? new KafkaStreamFailureHandler(_logger));

    public void Dispose()
    {
        if (_producer is { } producer)
        {
            _producer = null;
            // Every produce was awaited already; this only drains what a cancelled caller left behind.
            producer.Flush(_options.AdminTimeout);
            producer.Dispose();
        }

        _createGate.Dispose();
    }
}
