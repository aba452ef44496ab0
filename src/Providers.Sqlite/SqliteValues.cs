using System.Globalization;

namespace Shop.Providers.Sqlite;

/// <summary>Conversions between contract values and their column representations.</summary>
internal static class SqliteValues
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static long ToMilliseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMillisecond;

    public static object Blob(byte[]? value) => value is null ? DBNull.Value : value;

    public static string FormatEventId(Guid eventId) => eventId.ToString("D", CultureInfo.InvariantCulture);
}
