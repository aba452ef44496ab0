namespace Shop.StreamingProbes;

/// <summary>
/// One event of a probe producer: its sequence number, how many times consumers must fail on it first, and how long
/// their handler takes (so that a test can kill a silo while handlers run).
/// </summary>
[GenerateSerializer, Immutable, Alias("probe.entry")]
public sealed record ProbeEntry([property: Id(0)] long Sequence, [property: Id(1)] int FailTimes, [property: Id(2)] int HandlerDelayMs = 0);
