namespace Shop.Runtime.Storage;

/// <summary>A durable reminder row: it first fires at <see cref="StartAt"/> and then every <see cref="Period"/>.</summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period, string ETag);
