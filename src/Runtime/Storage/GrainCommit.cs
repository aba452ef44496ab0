namespace Shop.Runtime.Storage;

/// <summary>
/// Everything one grain turn makes durable, committed in a single database transaction: state writes,
/// journal rows and outgoing stream events (the outbox). Either all of it is committed or none of it.
/// </summary>
public sealed record GrainCommit(
    IReadOnlyList<StateChange> States,
    IReadOnlyList<JournalAppend> Journal,
    IReadOnlyList<StreamEvent> Events)
{
    public static GrainCommit EventsOnly(IReadOnlyList<StreamEvent> events) => new([], [], events);

    public bool IsEmpty => States.Count == 0 && Journal.Count == 0 && Events.Count == 0;
}
