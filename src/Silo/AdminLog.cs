namespace Shop.Silo;

internal static partial class AdminLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message =
        "Generated the administrator's password. Email: {Email}  Password: {Password}  " +
        "It is kept in {Path} and will not be shown again; set Shop:Admin:Password to choose one.")]
    public static partial void PasswordGenerated(ILogger logger, string email, string password, string path);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "The administrator {Email} is account {UserId} (created: {Created}, password changed: {PasswordChanged})")]
    public static partial void Seeded(ILogger logger, string email, Guid userId, bool created, bool passwordChanged);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message =
        "The administrator {Email} exists and no password for it is configured or stored on this silo; it keeps the password it has")]
    public static partial void PasswordElsewhere(ILogger logger, string email);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message =
        "Another silo created the administrator {Email} at the same time with its own generated password; the one generated here is discarded")]
    public static partial void GeneratedElsewhere(ILogger logger, string email);
}
