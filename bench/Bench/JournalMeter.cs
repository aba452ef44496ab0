using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Shop.Journaling;

namespace Shop.Bench;

/// <summary>
/// Times the journal appends the grains make (wraps the registered <see cref="IJournalStorage"/>), so a
/// benchmark can tell the time spent in the database commit from the time spent around it.
/// </summary>
internal sealed class JournalMeter
{
    private readonly Lock _gate = new();
    private readonly List<double> _appendMs = new(1 << 16);
    private long _entries;
    private long _bytes;
    private long _busyTicks;
    private int _snapshots;
    private long _snapshotBytes;

    public void Reset()
    {
        lock (_gate)
        {
            _appendMs.Clear();
            _entries = 0;
            _bytes = 0;
            _busyTicks = 0;
            _snapshots = 0;
            _snapshotBytes = 0;
        }
    }

    public JournalStats Snapshot(TimeSpan wall)
    {
        lock (_gate)
        {
            var sorted = _appendMs.Order().ToArray();
            return new JournalStats(
                sorted.Length,
                _entries,
                _bytes,
                Percentile(sorted, 0.50),
                Percentile(sorted, 0.99),
                sorted.Length == 0 ? 0 : sorted[^1],
                Stopwatch.GetElapsedTime(0, _busyTicks) / wall,
                wall,
                _snapshots,
                _snapshotBytes);
        }
    }

    private void Record(long started, int entries, long bytes, JournalSnapshot? snapshot)
    {
        var ended = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (snapshot is not null)
            {
                _snapshots++;
                _snapshotBytes += snapshot.Payload.Length;
            }

            _appendMs.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
            _entries += entries;
            _bytes += bytes;
            _busyTicks += ended - started;
        }
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Max(0, Math.Ceiling(sorted.Length * p) - 1))];

    /// <summary>Wraps the last registered <see cref="IJournalStorage"/>; false when none is registered (nothing is measured then).</summary>
    public bool TryDecorate(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IJournalStorage) && !d.IsKeyedService);
        if (original is null)
        {
            return false;
        }

        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(IJournalStorage), provider => new Timed(Resolve(original, provider), this), original.Lifetime));
        return true;
    }

    private static IJournalStorage Resolve(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (IJournalStorage)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.GetServiceOrCreateInstance(provider, descriptor.ImplementationType!));

    private sealed class Timed(IJournalStorage inner, JournalMeter meter) : IJournalStorage
    {
        public Task<JournalRead> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(grainId, cancellationToken);

        public Task<IReadOnlyList<JournalEntry>> ReadEntriesAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default) =>
            inner.ReadEntriesAsync(grainId, afterVersion, cancellationToken);

        public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, bool toOutbox, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            await inner.AppendAsync(grainId, expectedVersion, entries, snapshot, toOutbox, cancellationToken);
            long bytes = snapshot?.Payload.Length ?? 0;
            foreach (var entry in entries)
            {
                bytes += entry.Length;
            }

            meter.Record(started, entries.Count, bytes, snapshot);
        }

        public Task<IReadOnlyList<string>> ListKeysAsync(GrainType grainType, CancellationToken cancellationToken = default) =>
            inner.ListKeysAsync(grainType, cancellationToken);

        public Task<long?> ReadFirstUnpublishedVersionAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
            inner.ReadFirstUnpublishedVersionAsync(grainId, cancellationToken);

        public Task MarkPublishedAsync(GrainId grainId, long upToVersion, CancellationToken cancellationToken = default) =>
            inner.MarkPublishedAsync(grainId, upToVersion, cancellationToken);

        public Task<IReadOnlyList<GrainId>> ListUnpublishedAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken = default) =>
            inner.ListUnpublishedAsync(appendedBefore, limit, cancellationToken);
    }
}

/// <summary>Journal appends over a measured interval.</summary>
internal sealed record JournalStats(
    int Appends, long Entries, long Bytes, double P50Ms, double P99Ms, double MaxMs, double BusyFraction, TimeSpan Wall, int Snapshots, long SnapshotBytes)
{
    public double AppendsPerSecond => Appends / Wall.TotalSeconds;

    public double EntriesPerAppend => Appends == 0 ? 0 : (double)Entries / Appends;
}
