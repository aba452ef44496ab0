using System.Text;

namespace Shop.ReadModels.MySql;

/// <summary>
/// Quoting for the two Groonga languages a search speaks: the query syntax (the user's words) and the script syntax
/// (filters). In both, a double-quoted string is literal except for <c>\</c> and <c>"</c>, which are escaped with a
/// backslash; so <c>OR</c>, <c>-</c>, <c>*</c>, <c>(</c>, <c>%</c> and the like inside the quotes are plain text.
/// The quoted strings travel as SQL parameters of <c>mroonga_command</c>, never inside the SQL text.
/// </summary>
internal static class GroongaSyntax
{
    /// <summary>The words as phrases that must all occur: <c>"운동" "sneaker"</c> (Groonga's default operator is AND).</summary>
    public static string Query(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(Quote));

    /// <summary>A string literal, for the query syntax (a phrase) or the script syntax alike.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
