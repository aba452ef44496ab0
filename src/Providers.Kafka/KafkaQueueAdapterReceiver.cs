using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Shop.Streaming;

namespace Shop.Providers.Kafka;

/// <summary>
/// Reads one partition for one Orleans queue. It is assigned the partition directly (no group rebalancing:
/// Orleans' queue balancer decides which silo reads which queue) and starts at the consumer group's committed
/// offset, so whichever silo takes the queue over resumes where the last delivered message left off.
/// </summary>
internal sealed class KafkaQueueAdapterReceiver : IQueueAdapterReceiver
{
    private readonly string _provider;
    private readonly QueueId _queueId;
    private readonly TopicPartition _topicPartition;
    private readonly KafkaStreamOptions _options;
    private readonly string _groupId;
    private readonly Serializer<KafkaMessageBody> _serializer;
    private readonly IDeadLetterStore? _deadLetters;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // The pulling agent calls one method at a time, but shutdown may race a poll: one gate for all.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly OffsetCommitTracker _tracker = new();
    private readonly List<(long Offset, DeadLetter Letter, Exception Error)> _unstoredPoison = new();
    private IConsumer<byte[], byte[]>? _consumer;
    private long _lastCommitAt;
    private long? _lastCommitted;

    public KafkaQueueAdapterReceiver(
        string provider,
        QueueId queueId,
        TopicPartition topicPartition,
        KafkaStreamOptions options,
        string groupId,
        Serializer<KafkaMessageBody> serializer,
        IDeadLetterStore? deadLetters,
        TimeProvider time,
        ILogger logger)
    {
        _provider = provider;
        _queueId = queueId;
        _topicPartition = topicPartition;
        _options = options;
        _groupId = groupId;
        _serializer = serializer;
        _deadLetters = deadLetters;
        _time = time;
        _logger = logger;
    }

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(_options, _groupId))
            .SetErrorHandler((_, error) => KafkaLog.ClientError(_logger, _provider, $"consumer {_topicPartition}", error.Reason, error.IsFatal))
            .SetLogHandler((_, message) => _logger.Log(ToLogLevel(message.Level), "librdkafka {Facility}: {Message}", message.Facility, message.Message))
            .Build();

        // Offset.Stored: the group's committed offset, or auto.offset.reset (earliest) when it has none.
        consumer.Assign(new TopicPartitionOffset(_topicPartition, Offset.Stored));
        _consumer = consumer;
        _lastCommitAt = _time.GetTimestamp();
        KafkaLog.ReceiverStarted(_logger, _provider, _queueId.ToString(), _topicPartition.ToString(), _groupId);
        return Task.CompletedTask;
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var consumer = _consumer;
            if (consumer is null)
            {
                return [];
            }

            await StoreUnstoredPoisonAsync(cancellationToken);

            var limit = maxCount == QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG ? _options.MaxBatchSize : Math.Min(maxCount, _options.MaxBatchSize);
            var batches = new List<IBatchContainer>();
            while (batches.Count < limit)
            {
                ConsumeResult<byte[], byte[]>? result;
                try
                {
                    // Only the first read may wait (when configured to): afterwards take what librdkafka has
                    // already fetched in the background, without blocking.
                    result = batches.Count == 0 && _options.PollTimeout > TimeSpan.Zero
                        ? await Task.Run(() => consumer.Consume(_options.PollTimeout), cancellationToken)
                        : consumer.Consume(TimeSpan.Zero);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    KafkaLog.ConsumeFailed(_logger, _provider, _topicPartition.ToString(), e.Error.Reason);
                    break;
                }

                if (result is null)
                {
                    break;
                }

                if (result.IsPartitionEOF)
                {
                    continue;
                }

                var offset = result.Offset.Value;
                if (TryRead(result, out var batch, out var error))
                {
                    _tracker.Read(offset, toOrleans: true);
                    batches.Add(batch);
                }
                else
                {
                    _tracker.Read(offset, toOrleans: false);
                    await DeadLetterAsync(result, error, cancellationToken);
                }
            }

            await CommitAsync(force: false);
            return batches;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var highest = messages.OfType<KafkaBatchContainer>().Select(m => (long?)m.Offset).Max();
        if (highest is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            _tracker.FinishedThrough(highest.Value);
            await CommitAsync(force: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var consumer = _consumer;
            if (consumer is null)
            {
                return;
            }

            _consumer = null;
            // The last delivered position, so that the next owner of the queue re-reads as little as possible.
            await CommitWithAsync(consumer, force: true);
            // Disposed only once Close has returned, even when we stop waiting for it: disposing a consumer that is
            // still closing on another thread would free native memory under librdkafka's feet.
            var close = Task.Run(() =>
            {
                try
                {
                    consumer.Close();
                }
                finally
                {
                    consumer.Dispose();
                }
            });
            try
            {
                await close.WaitAsync(timeout, cancellationToken);
            }
            catch (Exception e) when (e is KafkaException or TimeoutException or OperationCanceledException)
            {
                KafkaLog.CloseFailed(_logger, e, _provider, _topicPartition.ToString());
            }

            KafkaLog.ReceiverStopped(_logger, _provider, _queueId.ToString(), _lastCommitted);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool TryRead(ConsumeResult<byte[], byte[]> result, out KafkaBatchContainer batch, out Exception error)
    {
        batch = null!;
        error = null!;
        try
        {
            if (result.Message.Value is not { Length: > 0 } value)
            {
                throw new InvalidDataException("The message has no value.");
            }

            var body = _serializer.Deserialize(value);
            if (body?.Events is not { Count: > 0 })
            {
                throw new InvalidDataException("The message holds no events.");
            }

            batch = new KafkaBatchContainer
            {
                StreamId = body.StreamId,
                Events = body.Events,
                RequestContext = body.RequestContext,
                Token = new EventSequenceTokenV2(result.Offset.Value),
            };
            return true;
        }
        catch (Exception e)
        {
            // Any failure to read, whatever the serializer throws: the message is poison, never a crash of the queue.
            error = e;
            return false;
        }
    }

    private async Task DeadLetterAsync(ConsumeResult<byte[], byte[]> result, Exception error, CancellationToken cancellationToken)
    {
        var headers = result.Message.Headers;
        var offset = result.Offset.Value;
        var letter = new DeadLetter(
            Id: 0,
            EventId: Header(headers, KafkaHeaders.EventId),
            StreamProvider: _provider,
            StreamNamespace: Header(headers, KafkaHeaders.StreamNamespace),
            StreamKey: Header(headers, KafkaHeaders.StreamKey),
            EventType: Header(headers, KafkaHeaders.EventType) ?? "unknown",
            Payload: result.Message.Value ?? [],
            PayloadIsRaw: true,
            Consumer: $"kafka:{_topicPartition.Topic}/{_topicPartition.Partition.Value}@{offset}",
            Error: $"{error.GetType().FullName}: {error.Message}",
            Attempts: 1,
            FailedAt: _time.GetUtcNow(),
            Status: DeadLetterStatus.Open);

        if (_deadLetters is null)
        {
            KafkaLog.PoisonSkipped(_logger, error, _provider, _topicPartition.ToString(), offset, letter.StreamNamespace, letter.StreamKey, letter.EventId, letter.EventType);
            _tracker.Finished(offset);
            return;
        }

        _unstoredPoison.Add((offset, letter, error));
        await StoreUnstoredPoisonAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the dead letters not yet stored. Until one is, its offset stays uncommitted, so that a crash
    /// meanwhile reads the message again rather than losing it.
    /// </summary>
    private async Task StoreUnstoredPoisonAsync(CancellationToken cancellationToken)
    {
        while (_unstoredPoison.Count > 0)
        {
            var (offset, letter, error) = _unstoredPoison[0];
            try
            {
                var id = await _deadLetters!.AddAsync(letter, cancellationToken);
                KafkaLog.PoisonDeadLettered(_logger, error, _provider, _topicPartition.ToString(), offset, id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                KafkaLog.DeadLetterFailed(_logger, e, _provider, _topicPartition.ToString(), offset);
                return;
            }

            _unstoredPoison.RemoveAt(0);
            _tracker.Finished(offset);
        }
    }

    private Task CommitAsync(bool force) => _consumer is { } consumer ? CommitWithAsync(consumer, force) : Task.CompletedTask;

    private async Task CommitWithAsync(IConsumer<byte[], byte[]> consumer, bool force)
    {
        if (_tracker.TakeCommit() is not { } offset)
        {
            return;
        }

        if (!force && _time.GetElapsedTime(_lastCommitAt) < _options.CommitInterval)
        {
            return;
        }

        try
        {
            // A synchronous round trip to the group coordinator: off the Orleans scheduler.
            await Task.Run(() => consumer.Commit([new TopicPartitionOffset(_topicPartition, new Offset(offset))]));
            _tracker.Committed(offset);
            _lastCommitted = offset;
            _lastCommitAt = _time.GetTimestamp();
            KafkaLog.Committed(_logger, _provider, _topicPartition.ToString(), offset);
        }
        catch (KafkaException e)
        {
            KafkaLog.CommitFailed(_logger, e, _provider, _topicPartition.ToString(), offset);
        }
    }

    /// <summary>The first header of that name (the first event's, for per-event headers), when readable as UTF-8.</summary>
    private static string? Header(Headers? headers, string name)
    {
        if (headers?.FirstOrDefault(h => h.Key == name)?.GetValueBytes() is not { } bytes)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
