using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Runtime.Activation;
using Shop.Runtime.Scheduling;
using Shop.Runtime.Serialization;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Journaling;

/// <summary>
/// A grain whose state is the fold of an insert-only journal, in the shape of Orleans' JournaledGrain:
/// <see cref="RaiseEvent"/> applies an entry to <see cref="State"/> at once, <see cref="ConfirmEvents"/>
/// makes it durable. A commit's journal entries, a periodic snapshot and the stream events published by
/// the confirming turns commit in one transaction.
/// </summary>
/// <remarks>
/// Group commit: entries raised while a commit is in flight wait and go into the next commit together,
/// whose completion answers every caller that confirmed them. Up to two commits are in flight, the second
/// starting once as many entries wait as the first carries, so the database writes one batch while the
/// answers to the previous one go out; the store never stores a commit without the one before it.
/// Make the grain <see cref="ReentrantAttribute">[Reentrant]</see> so that callers can raise entries while
/// a commit is in flight; the activation's scheduler still runs one piece of grain code at a time, so a
/// decision and the entry it raises are never separated by another caller. A failed commit deactivates
/// the activation: the next call reloads the durable truth.
/// </remarks>
public abstract class JournaledGrain<TState, TEntry> : Grain, IJournaledGrainLifecycle
    where TState : class, new()
    where TEntry : class
{
    private const string SnapshotStateName = "journal";
    private static readonly string SnapshotTypeName = typeof(JournalSnapshot<TState>).FullName!;

    private readonly IGrainStorage _storage;
    private readonly JournalOptions _options;
    private List<TEntry> _raised = [];
    private List<StreamEvent> _events = [];
    private TaskCompletionSource? _nextCommit;
    private Task? _lastCommit;
    private Task? _lastConfirmation;
    private int _commitsInFlight;
    private int _lastBatchSize;
    private bool _snapshotInFlight;
    private Exception? _broken;
    private long _snapshotVersion;
    private string? _snapshotETag;

    protected JournaledGrain()
    {
        _storage = Activation.Runtime.GetStorage(StorageNames.Default);
        _options = ServiceProvider.GetRequiredService<IOptions<JournalOptions>>().Value;
    }

    /// <summary>The state with every raised entry applied, confirmed or not.</summary>
    protected TState State { get; private set; } = new();

    /// <summary>The journal version of <see cref="State"/>: confirmed entries plus raised ones.</summary>
    protected long Version { get; private set; }

    /// <summary>The version known to be durable.</summary>
    protected long ConfirmedVersion { get; private set; }

    /// <summary>Applies an entry to <paramref name="state"/>. The one place where state changes.</summary>
    protected abstract void TransitionState(TState state, TEntry entry);

    /// <summary>Applies an entry to <see cref="State"/> now; it becomes durable with the next <see cref="ConfirmEvents"/>.</summary>
    protected void RaiseEvent(TEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfBroken();
        try
        {
            TransitionState(State, entry);
        }
        catch (Exception exception)
        {
            // A transition that throws may have half-applied: reload rather than trust the state in memory.
            _broken = exception;
            Activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A journal entry could not be applied."));
            throw;
        }

        _raised.Add(entry);
        Version++;
    }

    /// <summary>
    /// Completes when every entry raised so far is durable, together with the stream events this turn published.
    /// </summary>
    protected Task ConfirmEvents()
    {
        ThrowIfBroken();
        _events.AddRange(ActivationData.TakeTurnOutbox());
        if (_raised.Count == 0 && _events.Count == 0)
        {
            // Nothing new from this caller: it still must not answer before what it saw is durable.
            return _nextCommit?.Task ?? _lastConfirmation ?? Task.CompletedTask;
        }

        _nextCommit ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var confirmed = _nextCommit.Task;
        StartCommitIfDue();

        return confirmed;
    }

    /// <summary>Reads confirmed journal entries with versions in [<paramref name="fromVersion"/>, <paramref name="toVersion"/>].</summary>
    protected async Task<IReadOnlyList<TEntry>> RetrieveConfirmedEvents(long fromVersion, long toVersion)
    {
        var rows = await _storage.ReadJournalAsync(GrainId, fromVersion - 1);
        return rows.Where(r => r.Version <= toVersion).Select(r => Deserialize(r)).ToList();
    }

    /// <summary>
    /// Folds the confirmed journal from its first entry up to <paramref name="upToVersion"/> into a new state,
    /// ignoring snapshots: what the journal alone says.
    /// </summary>
    protected async Task<(TState State, long Version)> RebuildFromJournalAsync(long upToVersion = long.MaxValue)
    {
        var state = new TState();
        var version = 0L;
        foreach (var row in (await _storage.ReadJournalAsync(GrainId, 0)).TakeWhile(r => r.Version <= upToVersion))
        {
            if (row.Version != version + 1)
            {
                throw new JournalCorruptedException($"Journal of {GrainId} jumps from version {version} to {row.Version}.");
            }

            TransitionState(state, Deserialize(row));
            version = row.Version;
        }

        return (state, version);
    }

    async Task IJournaledGrainLifecycle.LoadAsync()
    {
        var stored = await _storage.ReadStateAsync(GrainId, SnapshotStateName);
        var snapshot = stored?.Payload is { } payload ? GrainStateSerializer.Deserialize<JournalSnapshot<TState>>(payload) : new JournalSnapshot<TState>();
        _snapshotETag = stored?.ETag;
        _snapshotVersion = snapshot.Version;
        var state = snapshot.State;
        var version = snapshot.Version;
        foreach (var row in await _storage.ReadJournalAsync(GrainId, version))
        {
            if (row.Version != version + 1)
            {
                throw new JournalCorruptedException($"Journal of {GrainId} jumps from version {version} to {row.Version}.");
            }

            TransitionState(state, Deserialize(row));
            version = row.Version;
        }

        State = state;
        Version = ConfirmedVersion = version;
    }

    // Two commits at most are in flight: the second starts once as many entries wait as the first
    // carries, so the database is already writing the next batch while the answers to the previous
    // one go out. The store refuses an append that does not follow its last stored version, so the
    // second commit can never be stored without the first.
    private void StartCommitIfDue()
    {
        if (_broken is null && _nextCommit is not null
            && (_commitsInFlight == 0 || (_commitsInFlight == 1 && _raised.Count >= _lastBatchSize)))
        {
            StartCommit();
        }
    }

    private void StartCommit()
    {
        var entries = _raised;
        var events = _events;
        var completion = _nextCommit!;
        _raised = [];
        _events = [];
        _nextCommit = null;

        // State equals the started commits' state plus exactly these entries right now, so this is the
        // moment to snapshot it; not while another snapshot is in flight, whose ETag this one would need.
        var newVersion = Version;
        var firstVersion = newVersion - entries.Count + 1;
        var snapshot = !_snapshotInFlight && SnapshotDue(newVersion) ? TakeSnapshot(newVersion) : null;
        var commit = new GrainCommit(
            snapshot is null ? [] : [snapshot],
            entries.Count == 0 ? [] : [new JournalAppend(GrainId, firstVersion, entries.Select(e => GrainStateSerializer.Serialize(e)).ToList())],
            events);
        _snapshotInFlight |= snapshot is not null;
        _lastBatchSize = entries.Count;
        _commitsInFlight++;
        _lastConfirmation = completion.Task;
        _lastCommit = CommitAsync(commit, newVersion, completion, _lastCommit);
    }

    private StateChange? TakeSnapshot(long newVersion)
    {
        var payload = GrainStateSerializer.Serialize(new JournalSnapshot<TState> { Version = newVersion, State = State });
        if (payload.Length > _options.MaxSnapshotBytes)
        {
            // Counted as taken, so the next attempt waits for the journal to double again.
            _snapshotVersion = newVersion;
            return null;
        }

        return new StateChange(GrainId, SnapshotStateName, SnapshotTypeName, _snapshotETag, payload);
    }

    private async Task CommitAsync(GrainCommit commit, long newVersion, TaskCompletionSource completion, Task? previous)
    {
        var committing = Activation.Runtime.CommitAsync(_storage, commit);
        await ((Task)committing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Commits are settled in the order they started (this one never throws).
        if (previous is not null)
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Back on the activation ahead of the requests queued meanwhile: under load hundreds of them
        // are queued, most of them about to wait for this very commit or the next one.
        await new UrgentResumption(Activation.Scheduler);

        try
        {
            var result = await committing;
            ThrowIfBroken();
            ConfirmedVersion = newVersion;
            if (commit.States.Count > 0)
            {
                _snapshotInFlight = false;
                _snapshotVersion = newVersion;
                _snapshotETag = result.ETags[0];
            }

            completion.TrySetResult();
        }
        catch (Exception exception)
        {
            // State in memory now holds entries that may never be durable: only a reload can be trusted.
            _broken ??= exception;
            completion.TrySetException(exception);
            _nextCommit?.TrySetException(exception);
            if (exception is InconsistentStateException inconsistent)
            {
                Activation.OnInconsistentState(inconsistent);
            }
            else
            {
                Activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A journal commit failed."));
            }
        }
        finally
        {
            _commitsInFlight--;
        }

        StartCommitIfDue();
    }

    private bool SnapshotDue(long newVersion)
    {
        var sinceSnapshot = newVersion - _snapshotVersion;
        return sinceSnapshot >= Math.Max(_options.MinEntriesBetweenSnapshots, _snapshotVersion);
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null)
        {
            throw new InvalidOperationException($"{GrainId} is deactivating after a failed journal commit; call again.", _broken);
        }
    }

    private static TEntry Deserialize(JournalEntry row) =>
        JsonSerializer.Deserialize<TEntry>(row.Payload, GrainStateSerializer.Options)
        ?? throw new JournalCorruptedException($"Journal entry {row.Version} is the JSON literal null.");
}
