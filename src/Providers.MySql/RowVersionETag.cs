using System.Globalization;

namespace Shop.Providers.MySql;

/// <summary>
/// ETags of <see cref="MySqlGrainStorage"/>: the decimal form of the row's version (1, 2, 3, …). Anything
/// else a caller presents was not issued by this store and can only conflict.
/// </summary>
internal static class RowVersionETag
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an ETag this store issued: a positive number without sign, spaces or leading zeros.</summary>
    public static bool TryParse(string? eTag, out long version)
    {
        version = 0;
        if (string.IsNullOrEmpty(eTag) || eTag.Length > 18 || eTag[0] == '0')
        {
            return false;
        }

        foreach (var c in eTag)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        version = long.Parse(eTag, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}
