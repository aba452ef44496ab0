using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Operations;

namespace Shop.Grains.Operations;

/// <summary>
/// Counts this silo's reservations per SKU over a sliding window (<see cref="OperationsOptions.HotSkuWindow"/>), so that
/// the operations page can show the hot SKUs. A SKU grain calls <see cref="Reserved"/> on its hottest path, so that costs
/// a dictionary lookup and an interlocked increment; the window moves in tenths, and the rare move takes a lock.
/// </summary>
public sealed class SkuActivity
{
    private const int Slices = 10;

    private readonly TimeProvider _time;
    private readonly long _sliceLength;
    private readonly long _window;
    private readonly Lock _moving = new();

    // Earlier slices of the window, oldest first; guarded by _moving.
    private readonly Queue<Slice> _earlier = new();
    private volatile Slice _current;

    public SkuActivity(IOptions<OperationsOptions> options, TimeProvider time)
    {
        _time = time;
        var window = options.Value.HotSkuWindow;
        _window = (long)(window.TotalSeconds * time.TimestampFrequency);
        _sliceLength = Math.Max(1, _window / Slices);
        _current = new Slice(time.GetTimestamp());
    }

    /// <summary>Counts one reservation of <paramref name="sku"/> now.</summary>
    public void Reserved(string sku)
    {
        var slice = _current;
        if (_time.GetTimestamp() - slice.Start >= _sliceLength)
        {
            slice = Move();
        }

        slice.Counts.GetOrAdd(sku, static _ => new ReservationCount()).Increment();
    }

    /// <summary>The <paramref name="count"/> SKUs with the most reservations within the window, most first.</summary>
    public IReadOnlyList<SkuReservations> Hottest(int count)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        lock (_moving)
        {
            var current = Move();
            foreach (var slice in _earlier.Append(current))
            {
                foreach (var (sku, reservations) in slice.Counts)
                {
                    totals[sku] = totals.GetValueOrDefault(sku) + reservations.Value;
                }
            }
        }

        return [.. totals
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(t => new SkuReservations(t.Key, t.Value))];
    }

    /// <summary>Starts a new slice if the current one is over, and lets go of slices that left the window.</summary>
    private Slice Move()
    {
        lock (_moving)
        {
            var now = _time.GetTimestamp();
            var current = _current;
            if (now - current.Start >= _sliceLength)
            {
                _earlier.Enqueue(current);
                _current = current = new Slice(now);
            }

            while (_earlier.TryPeek(out var oldest) && now - oldest.Start >= _window + _sliceLength)
            {
                _earlier.Dequeue();
            }

            return current;
        }
    }

    /// <summary>The reservations of one tenth of the window. A reservation racing a move may land in the slice just closed: still inside the window.</summary>
    private sealed class Slice(long start)
    {
        public long Start { get; } = start;

        public ConcurrentDictionary<string, ReservationCount> Counts { get; } = new(StringComparer.Ordinal);
    }

    private sealed class ReservationCount
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
