using Microsoft.Extensions.Logging;

namespace Shop.Runtime.Reminders;

internal static partial class ReminderLog
{
    [LoggerMessage(200, LogLevel.Warning, "Reminder {ReminderName} of {GrainId} failed: {Error}")]
    public static partial void TickFailed(ILogger logger, string reminderName, GrainId grainId, string error);

    [LoggerMessage(201, LogLevel.Error, "Reading the reminder table failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(202, LogLevel.Information, "Loaded {Count} reminders")]
    public static partial void Loaded(ILogger logger, int count);
}
