namespace Shop.ReadModels.Common;

/// <summary>
/// Category paths as the catalog writes them (API.md: the category ids from the root joined by <c>/</c>, e.g.
/// <c>"1/4/28"</c>). Both stores compare them as byte strings, so they are checked strictly: digits and single
/// slashes only, which also keeps them safe as whitespace-delimited tokens in the Mroonga index.
/// </summary>
internal static class CategoryPath
{
    /// <summary>The longest path accepted (the MariaDB column is <c>VARCHAR(255)</c>, ASCII).</summary>
    public const int MaxLength = 255;

    public static bool IsValid(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength || path[0] == '/' || path[^1] == '/')
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '/')
            {
                if (path[i - 1] == '/')
                {
                    return false;
                }
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static void Validate(string? path, string paramName)
    {
        if (!IsValid(path))
        {
            throw new ArgumentException(
                $"'{path}' is not a category path: category ids (digits) joined by '/', e.g. \"1/4/28\", at most {MaxLength} characters.",
                paramName);
        }
    }

    /// <summary>The path and every path above it: <c>"1/4/28"</c> gives <c>"1"</c>, <c>"1/4"</c>, <c>"1/4/28"</c>.</summary>
    public static IEnumerable<string> SelfAndAncestors(string path)
    {
        for (var i = path.IndexOf('/', StringComparison.Ordinal); i >= 0; i = path.IndexOf('/', i + 1))
        {
            yield return path[..i];
        }

        yield return path;
    }

    /// <summary>
    /// The exclusive bounds of the paths strictly under <paramref name="path"/>: every descendant starts with
    /// <c>path + "/"</c> and sorts below <c>path + "0"</c> ('0' follows '/' in ASCII), while a sibling such as
    /// <c>"1/40"</c> of <c>"1/4"</c> sorts at or above that upper bound. A range on an index, unlike LIKE, needs
    /// no escaping and no case rules.
    /// </summary>
    public static (string Lower, string Upper) DescendantRange(string path) => (path + "/", path + "0");
}
