using Shop.Runtime.Messaging;

namespace Shop.Runtime.Reminders;

/// <summary>A reminder tick delivered to its grain, which is activated for it if needed.</summary>
internal sealed class ReminderRequest(string reminderName, TickStatus status, long deadlineTimestamp)
    : GrainRequest(interleave: false, keepAlive: true, deadlineTimestamp)
{
    public override string Name => $"reminder {reminderName}";

    public override async Task<object?> InvokeAsync(object grain, CancellationToken cancellationToken)
    {
        if (grain is not IRemindable remindable)
        {
            throw new InvalidOperationException($"{grain.GetType().Name} received reminder '{reminderName}' but does not implement IRemindable.");
        }

        await remindable.ReceiveReminder(reminderName, status);
        return null;
    }
}
