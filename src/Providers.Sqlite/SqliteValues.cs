using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Shop.Providers.Sqlite;

/// <summary>Conversions between contract values and their column representations.</summary>
internal static class SqliteValues
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    /// <summary>
    /// Orleans hands reminder times over as <see cref="DateTime"/>; an unspecified kind is taken as UTC
    /// (what Orleans itself produces) rather than as the silo's local time zone.
    /// </summary>
    public static long ToUnixMs(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value).ToUnixTimeMilliseconds(),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
    };

    public static DateTime UtcDateTimeFromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime;

    public static long ToMilliseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMillisecond;

    public static object Blob(byte[]? value) => value is null ? DBNull.Value : value;

    /// <summary>
    /// Binds <c>$type</c> and <c>$key</c>: the grain type name and the key in its string form, stored as two
    /// columns rather than one GrainId string so that keys of one type can be listed and read by people.
    /// </summary>
    public static void AddGrainId(SqliteCommand command, GrainId grainId)
    {
        command.Parameters.AddWithValue("$type", grainId.Type.ToString());
        command.Parameters.AddWithValue("$key", grainId.Key.ToString());
    }

    public static void ValidateGrainId(GrainId grainId, [CallerArgumentExpression(nameof(grainId))] string? parameterName = null)
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id is the default (empty) value.", parameterName);
        }
    }
}
