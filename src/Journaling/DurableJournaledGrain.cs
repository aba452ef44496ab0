using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Serialization;
using Orleans.Storage;

namespace Shop.Journaling;

/// <summary>
/// An Orleans <see cref="JournaledGrain{TState,TEntry}"/> whose log lives in an <see cref="IJournalStorage"/>
/// (MariaDB or SQLite), through Orleans' CustomStorage log-consistency provider
/// (<c>[LogConsistencyProvider(ProviderName = JournalNames.LogConsistencyProvider)]</c> on the grain class).
/// </summary>
/// <remarks>
/// <para>Group commit comes from Orleans: one write is in flight at a time, and every entry raised meanwhile
/// goes into the next write together. Make the grain <c>[Reentrant]</c> so that callers can raise entries
/// while a write is in flight, decide on <see cref="TentativeState"/>, and answer after <see cref="ConfirmAsync"/>.</para>
/// <para>The tentative state is kept here, each entry applied to it once as it is raised. Orleans' own
/// tentative view is rebuilt after every write by deep-copying the confirmed state: a cost that grows with the
/// state, paid on every commit, which made a hot SKU spend most of its time copying its orders.</para>
/// <para>Snapshots of the state are written in the same transaction as an append, once enough entries have
/// accumulated (<see cref="JournalOptions"/>), so a reload reads a snapshot and a short tail. The state is copied
/// on the turn (<see cref="CopyForSnapshot"/>) and serialized on the thread pool while the grain goes on; the
/// snapshot goes with the first append after it is ready.</para>
/// <para>The journal's version check fences a stale activation: when an append finds the journal moved on
/// (another activation of this grain wrote it), this activation never writes again, fails its waiting callers
/// with <see cref="JournalFencedException"/> and deactivates. An append whose outcome is unknown (the
/// connection broke during the commit) is resolved by reading back what was stored, so no entry is ever
/// written twice.</para>
/// <para>A grain whose entries are events for others names its stream namespace (<see cref="EventStreamNamespace"/>):
/// its journal is then also its outbox. Each append is recorded in the outbox in its own transaction, and once
/// committed its entries are published on the stream <c>(namespace, grain key)</c> as <see cref="Shop.Streaming.StreamEvent"/>s
/// (see <see cref="JournalPublisher{TEntry}"/>); what a dead activation left unpublished is published by the next one.</para>
/// </remarks>
public abstract class DurableJournaledGrain<TState, TEntry> : JournaledGrain<TState, TEntry>, ICustomStorageInterface<TState, TEntry>, IJournalPublisher
    where TState : class, new()
    where TEntry : class
{
    private static readonly TimeSpan MaxReadBackDelay = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _fenced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TState? _tentative;
    private bool _read;
    private TaskCompletionSource? _nextAppendHandedOver;
    private Task<JournalSnapshot>? _snapshotTaking;
    private long _snapshotVersion;
    private long _snapshotBytes;
    private long _bytesSinceSnapshot;

    private JournalPublisher<TEntry>? _publisher;

    private GrainId JournalId => this.GetGrainId();

    private IJournalStorage Storage => field ??= ServiceProvider.GetRequiredService<IJournalStorage>();

    private JournalOptions Options => field ??= ServiceProvider.GetRequiredService<IOptions<JournalOptions>>().Value;

    private ILogger Logger => field ??= ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());

    /// <summary>
    /// The state with every raised entry applied, durable or not: what the grain decides on. (It hides Orleans'
    /// <c>TentativeState</c>, which is the same state, copied anew after every write.)
    /// </summary>
    protected new TState TentativeState => _tentative ??= CopyConfirmedWithUnconfirmed();

    /// <summary>
    /// The stream namespace this grain's entries are published on, keyed by the grain's key; null (the default) for
    /// a grain whose entries concern only itself.
    /// </summary>
    protected virtual string? EventStreamNamespace => null;

    /// <summary>The event an entry is published as (see <see cref="EventStreamNamespace"/>); the entry itself by default.</summary>
    protected virtual object ToEvent(TEntry entry) => entry;

    /// <summary>Applies one entry to a state. The one place where the state changes; it may throw to refuse an entry that breaks an invariant.</summary>
    protected abstract void Apply(TState state, TEntry entry);

    /// <summary>
    /// A copy of <paramref name="state"/> that later entries do not change, serialized into a snapshot off the
    /// grain's turn. Orleans' deep copy unless the grain knows a cheaper one.
    /// </summary>
    protected virtual TState CopyForSnapshot(TState state) => ServiceProvider.GetRequiredService<DeepCopier>().Copy(state);

    /// <summary>
    /// Applies <paramref name="entry"/> to <see cref="TentativeState"/> and queues it for the next write. An entry
    /// that <see cref="Apply"/> refuses throws here, to the caller, and is never written.
    /// </summary>
    protected override void RaiseEvent<TEvent>(TEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            Apply(TentativeState, entry);
        }
        catch
        {
            _tentative = null; // Apply may have changed part of it before refusing; rebuild on next use
            throw;
        }

        base.RaiseEvent(entry);
    }

    protected override void RaiseEvents<TEvent>(IEnumerable<TEvent> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            RaiseEvent(entry);
        }
    }

    // A conditional event that loses its race is dropped by Orleans after this class has applied it.
    protected override Task<bool> RaiseConditionalEvent<TEvent>(TEvent entry) =>
        throw new NotSupportedException("Conditional events are not supported: decide on TentativeState and raise the entry.");

    protected override Task<bool> RaiseConditionalEvents<TEvent>(IEnumerable<TEvent> entries) =>
        throw new NotSupportedException("Conditional events are not supported: decide on TentativeState and raise the entries.");

    /// <summary>Waits until every entry raised so far is durable; fails fast once this activation has lost its journal.</summary>
    /// <remarks>
    /// When entries were raised while the caller's were being written, the caller resumes only once those have
    /// been handed to the storage. Orleans starts its next write after the callers of the previous one have run,
    /// so on a busy grain the journal would otherwise stand idle while the grain answers hundreds of callers;
    /// this way the answers go out while the next append is on its way.
    /// </remarks>
    protected async Task ConfirmAsync()
    {
        // A fenced activation's writes complete at once without storing anything (see ApplyUpdatesToStorage),
        // so this never waits on a journal that is not its own.
        await ConfirmEvents();
        ThrowIfFenced();
        if (UnconfirmedEvents.Any())
        {
            await (_nextAppendHandedOver ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Rebuilds the state from the journal's entries alone (no snapshot), up to <paramref name="upToVersion"/>.</summary>
    protected async Task<(TState State, long Version)> RebuildFromJournalAsync(long upToVersion)
    {
        var entries = await Storage.ReadEntriesAsync(JournalId, afterVersion: 0);

        // Folded off the grain's turn (it touches only the state it builds): a long ledger must not stall the grain.
        return await Task.Run(() => Fold(null, entries.TakeWhile(e => e.Version <= upToVersion)));
    }

    protected sealed override void TransitionState(TState state, TEntry entry)
    {
        if (_fenced.Task.IsFaulted)
        {
            // Once fenced this activation's states are dead (ConfirmAsync throws), and the batches ApplyUpdatesToStorage
            // reports as handled are not applied: they need not fit the journal Orleans re-read in between.
            return;
        }

        try
        {
            Apply(state, entry);
        }
        catch (Exception exception)
        {
            // Orleans logs and swallows a failed transition; an entry that breaks an invariant must not be stored.
            JournalingLog.TransitionFailed(Logger, JournalId, exception);
            Fence(new JournalFencedException($"A journal entry of {JournalId} could not be applied: {exception.Message}", exception));
            throw;
        }
    }

    async Task<KeyValuePair<int, TState>> ICustomStorageInterface<TState, TEntry>.ReadStateFromStorage()
    {
        var read = await Storage.ReadAsync(JournalId);
        var (state, version) = Fold(read.Snapshot, read.Entries);
        if (_read && version != Version)
        {
            // Orleans re-reads after a failed write. Entries this activation did not write mean another one owns the journal.
            Fence(new JournalFencedException($"The journal of {JournalId} moved from version {Version} to {version} behind this activation."));
        }

        if (!_read && EventStreamNamespace is { } streamNamespace)
        {
            // Before the first write of this activation: what an earlier one left in the outbox goes out first. An
            // empty journal has no outbox (its rows are written only with appends), so a new grain skips that read.
            _publisher = CreatePublisher(streamNamespace);
            if (version > 0)
            {
                await _publisher.LoadOutboxAsync();
            }
        }

        _read = true;
        _tentative = null;
        _snapshotVersion = read.Snapshot?.Version ?? 0;
        _snapshotBytes = read.Snapshot?.Payload.Length ?? 0;
        _bytesSinceSnapshot = read.Entries.Sum(e => (long)e.Payload.Length);
        return new(checked((int)version), state);
    }

    async Task<bool> ICustomStorageInterface<TState, TEntry>.ApplyUpdatesToStorage(IReadOnlyList<TEntry> updates, int expectedVersion)
    {
        if (_fenced.Task.IsFaulted)
        {
            // Nothing more is written. Orleans retries a failed write forever, re-reading the journal between tries
            // without delay, and a deactivation waits for its queue to drain: so the batch is reported as handled,
            // which lets the activation deactivate at once. No caller sees the result: ConfirmAsync throws once fenced.
            HandedOver();
            return true;
        }

        var payloads = new byte[updates.Count][];
        long bytes = 0;
        for (var i = 0; i < payloads.Length; i++)
        {
            payloads[i] = JournalJson.Serialize(updates[i]);
            bytes += payloads[i].Length;
        }

        var lastVersion = expectedVersion + updates.Count;
        var snapshot = FinishedSnapshot(lastVersion);

        // Before the first await: the tentative state is exactly the confirmed one plus this batch.
        StartSnapshotIfDue(lastVersion, bytes);
        try
        {
            var append = Storage.AppendAsync(JournalId, expectedVersion, payloads, snapshot, toOutbox: _publisher is not null);
            HandedOver();
            await append;
        }
        catch (InconsistentStateException conflict)
        {
            JournalingLog.Fenced(Logger, JournalId, expectedVersion, conflict);
            Fence(new JournalFencedException($"The journal of {JournalId} no longer ends at version {expectedVersion}: another activation wrote it.", conflict));
            throw;
        }
        catch (Exception unknown)
        {
            JournalingLog.UnknownOutcome(Logger, JournalId, expectedVersion, unknown);
            if (!await WasStoredAsync(expectedVersion, payloads))
            {
                throw; // nothing was stored: Orleans retries the same batch
            }
        }

        _publisher?.Committed(expectedVersion + 1, updates, DateTimeOffset.UtcNow);
        if (snapshot is null)
        {
            _bytesSinceSnapshot += bytes;
        }
        else
        {
            _snapshotVersion = snapshot.Version;
            _snapshotBytes = snapshot.Payload.Length;
            _bytesSinceSnapshot = bytes;
        }

        return true;
    }

    Task IJournalPublisher.PublishPendingAsync() => _publisher?.PublishPendingAsync() ?? Task.CompletedTask;

    private JournalPublisher<TEntry> CreatePublisher(string streamNamespace) => new(
        JournalId,
        this.GetStreamProvider(Shop.Streaming.StreamNames.Provider).GetStream<Shop.Streaming.StreamEvent>(StreamId.Create(streamNamespace, JournalId.Key.ToString()!)),
        Storage,
        ToEvent,
        JournalJson.Deserialize<TEntry>,
        Options.MaxEventsPerPublish,
        Logger);

    /// <summary>Lets the callers waiting in <see cref="ConfirmAsync"/> for the next append go on.</summary>
    private void HandedOver()
    {
        var waiting = _nextAppendHandedOver;
        _nextAppendHandedOver = null;
        waiting?.SetResult();
    }

    private void StartSnapshotIfDue(long newVersion, long newBytes)
    {
        if (_snapshotTaking is not null
            || newVersion - _snapshotVersion < Options.MinEntriesBetweenSnapshots
            || _bytesSinceSnapshot + newBytes < _snapshotBytes * Options.JournalGrowthPerSnapshot)
        {
            return;
        }

        var state = CopyForSnapshot(TentativeState);
        _snapshotTaking = Task.Run(() => new JournalSnapshot(newVersion, JournalJson.Serialize(state)));
    }

    /// <summary>The snapshot serialized since an earlier write, once it is ready and if it fits: it goes with this append.</summary>
    private JournalSnapshot? FinishedSnapshot(long lastVersion)
    {
        if (_snapshotTaking is not { IsCompleted: true } taking)
        {
            return null;
        }

        _snapshotTaking = null;
        if (!taking.IsCompletedSuccessfully)
        {
            JournalingLog.SnapshotFailed(Logger, JournalId, taking.Exception!.GetBaseException());
            return null;
        }

        var snapshot = taking.Result;
        if (snapshot.Payload.Length > Options.MaxSnapshotBytes)
        {
            // Too large to store; wait until the journal has grown by as much again before trying.
            _snapshotVersion = snapshot.Version;
            _snapshotBytes = snapshot.Payload.Length;
            _bytesSinceSnapshot = 0;
            return null;
        }

        return snapshot.Version <= lastVersion ? snapshot : null;
    }

    /// <summary>After an append with an unknown outcome: true when exactly that batch is stored, false when nothing is.</summary>
    private async Task<bool> WasStoredAsync(long expectedVersion, byte[][] payloads)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            IReadOnlyList<JournalEntry> stored;
            try
            {
                stored = await Storage.ReadEntriesAsync(JournalId, expectedVersion);
            }
            catch (Exception)
            {
                // The storage is still out of reach; the callers wait, bounded by their own timeouts.
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReadBackDelay.Ticks));
                continue;
            }

            if (stored.Count == 0)
            {
                return false;
            }

            if (stored.Count == payloads.Length && stored.Select(e => e.Payload).Zip(payloads).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
            {
                return true;
            }

            var fenced = new JournalFencedException($"The journal of {JournalId} after version {expectedVersion} holds entries this activation did not write.");
            Fence(fenced);
            throw fenced;
        }
    }

    private TState CopyConfirmedWithUnconfirmed()
    {
        var state = ServiceProvider.GetRequiredService<DeepCopier>().Copy(State);
        foreach (var entry in UnconfirmedEvents)
        {
            Apply(state, entry);
        }

        return state;
    }

    private (TState State, long Version) Fold(JournalSnapshot? snapshot, IEnumerable<JournalEntry> entries)
    {
        var state = snapshot is null ? new TState() : JournalJson.Deserialize<TState>(snapshot.Payload);
        var version = snapshot?.Version ?? 0;
        foreach (var entry in entries)
        {
            if (entry.Version != version + 1)
            {
                throw new InvalidOperationException($"The journal of {JournalId} jumps from version {version} to {entry.Version}.");
            }

            Apply(state, JournalJson.Deserialize<TEntry>(entry.Payload));
            version = entry.Version;
        }

        return (state, version);
    }

    private void Fence(JournalFencedException reason)
    {
        if (_fenced.TrySetException(reason))
        {
            _publisher?.Stop();
            _ = _fenced.Task.Exception; // observed here; callers get it from ThrowIfFenced
            DeactivateOnIdle();
        }
    }

    private void ThrowIfFenced()
    {
        if (_fenced.Task.IsFaulted)
        {
            throw _fenced.Task.Exception!.InnerException!;
        }
    }
}
