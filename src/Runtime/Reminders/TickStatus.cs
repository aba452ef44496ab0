namespace Shop.Runtime;

/// <summary>The tick of a reminder being delivered.</summary>
/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="Period">Time between ticks.</param>
/// <param name="CurrentTickTime">When this tick was due.</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
