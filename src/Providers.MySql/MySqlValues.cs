using System.Text;

namespace Shop.Providers.MySql;

/// <summary>Conversions between contract values and their column representations.</summary>
internal static class MySqlValues
{
    /// <summary>
    /// A timestamp as a DATETIME(3) parameter: UTC, cut (not rounded) to whole milliseconds, like
    /// <see cref="DateTimeOffset.ToUnixTimeMilliseconds"/>, so both providers keep the same instant.
    /// </summary>
    public static DateTime ToColumn(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    /// <summary>DATETIME values come back with an unspecified kind; the columns hold UTC.</summary>
    public static DateTimeOffset FromColumn(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>
    /// VARCHAR(n) counts characters (code points), not UTF-16 units; a value that does not fit is
    /// rejected here rather than by the server, where strict mode would fail a whole group commit (run
    /// again one by one) and a non-strict server would silently truncate a key into another grain's key.
    /// </summary>
    public static void CheckLength(string value, int maxCharacters, string what, string parameterName)
    {
        if (value.Length <= maxCharacters)
        {
            return;
        }

        var characters = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            if (++characters > maxCharacters)
            {
                throw new ArgumentException(
                    $"The {what} '{Shorten(value)}' is longer than the {maxCharacters} characters the MySQL store keeps.",
                    parameterName);
            }
        }
    }

    private static string Shorten(string value)
    {
        const int Shown = 40;
        if (value.Length <= Shown)
        {
            return value;
        }

        var builder = new StringBuilder(Shown + 1);
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length >= Shown)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.Append('…').ToString();
    }
}
