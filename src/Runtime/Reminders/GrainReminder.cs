namespace Shop.Runtime.Reminders;

internal sealed record GrainReminder(GrainId GrainId, string ReminderName, string ETag) : IGrainReminder;
