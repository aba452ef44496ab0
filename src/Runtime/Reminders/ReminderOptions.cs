namespace Shop.Runtime.Reminders;

/// <summary>Durable reminder settings.</summary>
public sealed class ReminderOptions
{
    /// <summary>The shortest period a reminder may have. Default 1 minute (reminders are for coarse, durable wake-ups; timers for the rest).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo re-reads the reminder table to pick up changes made elsewhere. Default 1 minute.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
