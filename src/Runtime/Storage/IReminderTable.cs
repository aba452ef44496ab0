namespace Shop.Runtime.Storage;

/// <summary>The durable table of reminders.</summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default);

    Task<ReminderEntry?> ReadAsync(GrainId grainId, string name, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a reminder and returns its new ETag.</summary>
    Task<string> UpsertAsync(GrainId grainId, string name, DateTimeOffset startAt, TimeSpan period, CancellationToken cancellationToken = default);

    /// <summary>Removes a reminder if its ETag still matches; false otherwise.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string name, string eTag, CancellationToken cancellationToken = default);
}
