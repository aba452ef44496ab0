using System.Collections.Concurrent;
using Shop.Runtime.Streams;

namespace Shop.Runtime.Tests.TestGrains;

/// <summary>An event of the test streams. <see cref="FailAttempts"/> makes the subscriber fail its first deliveries.</summary>
public sealed record ProbeEvent(string Run, int Publisher, int Index, string Text, int FailAttempts = 0);

public sealed class PublisherState
{
    public int Published { get; set; }
}

public interface IPublisherGrain : IGrainWithStringKey
{
    /// <summary>Changes state and publishes on stream (probe, streamKey) in one turn, then writes the state.</summary>
    Task<string?> PublishWithStateAsync(string streamKey, ProbeEvent item);

    /// <summary>Publishes without writing state: the events commit before the call answers.</summary>
    Task PublishOnlyAsync(string streamKey, ProbeEvent item);

    /// <summary>Publishes, then fails: the turn's events are discarded.</summary>
    Task PublishThenFailAsync(string streamKey, ProbeEvent item);

    Task<string?> ETagAsync();
}

public sealed class PublisherGrain([PersistentState("publisher")] IPersistentState<PublisherState> state) : Grain, IPublisherGrain
{
    public async Task<string?> PublishWithStateAsync(string streamKey, ProbeEvent item)
    {
        state.State.Published++;
        await Stream(streamKey).OnNextAsync(item);
        await state.WriteStateAsync();
        return state.Etag;
    }

    public Task PublishOnlyAsync(string streamKey, ProbeEvent item) => Stream(streamKey).OnNextAsync(item);

    public async Task PublishThenFailAsync(string streamKey, ProbeEvent item)
    {
        await Stream(streamKey).OnNextAsync(item);
        throw new InvalidOperationException("the turn fails after publishing");
    }

    public Task<string?> ETagAsync() => Task.FromResult(state.Etag);

    private IAsyncStream<ProbeEvent> Stream(string key) => GetStreamProvider().GetStream<ProbeEvent>(StreamId.Create("probe", key));
}

/// <summary>What the recorder saw, per test run, in memory (the tests and the silo share the process).</summary>
public static class StreamProbe
{
    public static readonly ConcurrentDictionary<string, RunLog> Runs = new();

    public static RunLog For(string run) => Runs.GetOrAdd(run, _ => new RunLog());

    public sealed class RunLog
    {
        private readonly object _lock = new();

        public List<(string StreamKey, ProbeEvent Event, StreamEventContext Context)> Handled { get; } = [];

        public int Failures;

        public int OrderViolations;

        /// <summary>When set, every delivery of this run fails.</summary>
        public volatile bool FailEverything;

        public void Record(string streamKey, ProbeEvent item, StreamEventContext context)
        {
            lock (_lock)
            {
                var last = Handled.LastOrDefault(h => h.StreamKey == streamKey && h.Event.Publisher == item.Publisher);
                if (last.Event is not null && last.Event.Index >= item.Index)
                {
                    OrderViolations++;
                }

                Handled.Add((streamKey, item, context));
            }
        }

        public int Count
        {
            get { lock (_lock) { return Handled.Count; } }
        }

        public List<(string StreamKey, ProbeEvent Event, StreamEventContext Context)> Snapshot()
        {
            lock (_lock)
            {
                return [.. Handled];
            }
        }
    }
}

/// <summary>Receives every stream of the "probe" namespace and records what it handles.</summary>
[ImplicitStreamSubscription("probe")]
public sealed class RecorderGrain : Grain, IRecorderGrain, IStreamSubscriber<ProbeEvent>
{
    public Task OnNextAsync(ProbeEvent item, StreamEventContext context)
    {
        var run = StreamProbe.For(item.Run);
        if (run.FailEverything || context.Attempt <= item.FailAttempts)
        {
            Interlocked.Increment(ref run.Failures);
            throw new InvalidOperationException($"planned failure of {item.Text} on attempt {context.Attempt}");
        }

        run.Record(GetPrimaryKeyString(), item, context);
        return Task.CompletedTask;
    }

    public Task<int> PingAsync() => Task.FromResult(0);
}

public interface IRecorderGrain : IGrainWithStringKey
{
    Task<int> PingAsync();
}

public sealed class LedgerState
{
    public HandledEvents Handled { get; set; } = new();

    public List<string> Texts { get; set; } = [];

    public int DuplicatesSkipped { get; set; }
}

public interface ILedgerGrain : IGrainWithStringKey
{
    Task<LedgerSnapshot> GetAsync();
}

public sealed record LedgerSnapshot(IReadOnlyList<string> Texts, int DuplicatesSkipped);

/// <summary>Subscribes to "ledger" and uses <see cref="HandledEvents"/> to turn redeliveries into no-ops.</summary>
[ImplicitStreamSubscription("ledger")]
public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain, IStreamSubscriber<ProbeEvent>
{
    public async Task OnNextAsync(ProbeEvent item, StreamEventContext context)
    {
        if (!state.State.Handled.TryMarkHandled(context.EventId))
        {
            state.State.DuplicatesSkipped++;
            await state.WriteStateAsync();
            return;
        }

        state.State.Texts.Add(item.Text);
        await state.WriteStateAsync();
    }

    public Task<LedgerSnapshot> GetAsync() => Task.FromResult(new LedgerSnapshot([.. state.State.Texts], state.State.DuplicatesSkipped));
}

public interface IAlarmGrain : IGrainWithStringKey
{
    Task SetAsync(TimeSpan due, TimeSpan period);

    Task CancelAsync();

    Task<bool> HasReminderAsync();
}

/// <summary>Registers a reminder and records each tick in <see cref="ProbeLog"/>.</summary>
public sealed class AlarmGrain : Grain, IAlarmGrain, IRemindable
{
    public Task SetAsync(TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder("alarm", due, period);

    public async Task CancelAsync()
    {
        if (await GetReminder("alarm") is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<bool> HasReminderAsync() => await GetReminder("alarm") is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ProbeLog.Record(GetPrimaryKeyString(), $"tick:{reminderName}");
        return Task.CompletedTask;
    }
}
