using System.Text;

namespace Shop.ReadModels.Common;

/// <summary>
/// Folds text for matching, in both stores alike: the SQLite store compares substrings itself, and in MariaDB the
/// search text and the words are folded before Mroonga's NormalizerAuto sees them, since the Groonga that Debian
/// ships leaves Greek, Cyrillic and some Latin capitals (Ł) as they are. Folding is: lower case, full-width ASCII
/// forms (<c>ＡＢＣ</c>) to ASCII, and Hangul written as separate jamo (the decomposed form macOS keyboards and some
/// copy-pastes produce) composed into syllables, so that <c>운동</c> typed either way finds either.
/// </summary>
/// <remarks>
/// String.Normalize cannot do the composition here: the project runs with invariant globalization, where it returns
/// its input unchanged. Hangul composition is arithmetic (Unicode §3.12), so it is done by hand; other decomposed
/// scripts are left as they are. Folding never merges two characters into one outside Hangul, and never splits one.
/// </remarks>
internal static class TextFolding
{
    private const int SBase = 0xAC00;
    private const int LBase = 0x1100;
    private const int VBase = 0x1161;
    private const int TBase = 0x11A7;
    private const int LCount = 19;
    private const int VCount = 21;
    private const int TCount = 28;
    private const int NCount = VCount * TCount;

    public static string Fold(string text)
    {
        if (IsPlainLower(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                // Full-width forms of '!'..'~'.
                c = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                c = ' ';
            }

            if (c - LBase is >= 0 and < LCount && i + 1 < text.Length && text[i + 1] - VBase is >= 0 and < VCount)
            {
                var syllable = SBase + ((c - LBase) * NCount) + ((text[i + 1] - VBase) * TCount);
                i++;
                if (i + 1 < text.Length && text[i + 1] - TBase is > 0 and < TCount)
                {
                    syllable += text[i + 1] - TBase;
                    i++;
                }

                builder.Append((char)syllable);
                continue;
            }

            if (c - SBase is >= 0 and < LCount * NCount && (c - SBase) % TCount == 0 && i + 1 < text.Length && text[i + 1] - TBase is > 0 and < TCount)
            {
                // An LV syllable followed by a trailing consonant jamo.
                builder.Append((char)(c + (text[i + 1] - TBase)));
                i++;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().ToLowerInvariant();
    }

    private static bool IsPlainLower(string text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetterUpper(c) || (c >= '\u1100' && c <= '\u11FF') || (c >= '\uFF01' && c <= '\uFF5E') || c == '\u3000' || (c > '\u007F' && char.ToLowerInvariant(c) != c))
            {
                return false;
            }
        }

        return true;
    }
}
