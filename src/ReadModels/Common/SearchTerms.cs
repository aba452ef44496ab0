using System.Globalization;
using System.Text;

namespace Shop.ReadModels.Common;

/// <summary>
/// The words of a search text: split on white space, control and format characters, nothing else, so every other
/// character (quotes, <c>*</c>, <c>%</c>, <c>-</c>, …) stays part of a word and is matched literally. Each store then
/// quotes or escapes the words for its own engine. Every word must occur (AND).
/// </summary>
/// <remarks>
/// Limits keep one request from asking the engine for unbounded work: at most <see cref="MaxTerms"/> words (the
/// rest are ignored) of at most <see cref="MaxTermLength"/> characters each (a longer word is cut, which only
/// widens its match). Duplicates (ignoring case) are dropped so that repeating a word does not change the ranking.
/// </remarks>
internal static class SearchTerms
{
    public const int MaxTerms = 16;
    public const int MaxTermLength = 100;

    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsSeparator(rune))
            {
                if (!Flush(current, terms, seen))
                {
                    return terms;
                }

                continue;
            }

            if (current.Length + rune.Utf16SequenceLength <= MaxTermLength)
            {
                current.Append(rune.ToString());
            }
        }

        Flush(current, terms, seen);
        return terms;
    }

    /// <summary>How many Unicode code points a term has (what SQLite's trigram tokenizer counts).</summary>
    public static int CodePoints(string term)
    {
        var count = 0;
        foreach (var _ in term.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsSeparator(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
        {
            return true;
        }

        // Zero-width and other format characters would otherwise make a word that looks empty (an engine may then
        // match every row) or that can never match; Rune.IsWhiteSpace misses the zero-width space.
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator;
    }

    private static bool Flush(StringBuilder current, List<string> terms, HashSet<string> seen)
    {
        if (current.Length == 0)
        {
            return terms.Count < MaxTerms;
        }

        var term = current.ToString();
        current.Clear();
        if (seen.Add(term))
        {
            terms.Add(term);
        }

        return terms.Count < MaxTerms;
    }
}
