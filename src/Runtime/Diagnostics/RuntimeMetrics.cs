using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shop.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments on the <c>Shop.Runtime</c> meter: calls and their latency, and live
/// activations, per grain type. The dashboard and OpenTelemetry read these.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "Shop.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _failedRequests;
    private readonly Histogram<double> _requestDuration;
    private readonly ConcurrentDictionary<string, StrongBoxCounter> _activations = new(StringComparer.Ordinal);

    public RuntimeMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("shop.grain.requests", description: "Grain requests handled (calls, timer ticks, reminders, stream events).");
        _failedRequests = _meter.CreateCounter<long>("shop.grain.requests.failed", description: "Grain requests that ended in an exception.");
        _requestDuration = _meter.CreateHistogram<double>("shop.grain.request.duration", unit: "ms", description: "Time from the start of a request to its end.");
        _meter.CreateObservableGauge("shop.grain.activations", ObserveActivations, description: "Live activations per grain type.");
    }

    internal void RecordRequest(string grainType, long startTimestamp, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        _requests.Add(1, tag);
        if (failed)
        {
            _failedRequests.Add(1, tag);
        }

        if (_requestDuration.Enabled)
        {
            _requestDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, tag);
        }
    }

    internal void ActivationCreated(string grainType) => Interlocked.Increment(ref _activations.GetOrAdd(grainType, _ => new StrongBoxCounter()).Value);

    internal void ActivationDeactivated(string grainType) => Interlocked.Decrement(ref _activations.GetOrAdd(grainType, _ => new StrongBoxCounter()).Value);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveActivations() =>
        _activations.Select(p => new Measurement<long>(Interlocked.Read(ref p.Value.Value), new KeyValuePair<string, object?>("grain.type", p.Key)));

    private sealed class StrongBoxCounter
    {
        public long Value;
    }
}
