using System.Text.Json;
using Shop.Journaling;

namespace Shop.Providers.MySql;

/// <summary>
/// One <c>grain_journal</c> row holds the entries of one append as the elements of a JSON array, so an
/// append is one row however many entries it has, and people can still read the journal with SQL
/// (the <c>grain_journal_entries</c> view). Entries come back byte for byte as they were given.
/// </summary>
internal static class JournalPacking
{
    /// <summary>
    /// <c>[e1,e2,…]</c>. Each entry must be a single JSON value (the contract of
    /// <see cref="IJournalStorage"/>), else the array could not be split again; that is checked here.
    /// </summary>
    public static byte[] Pack(IReadOnlyList<byte[]> entries)
    {
        var size = 2 + entries.Count;
        for (var i = 0; i < entries.Count; i++)
        {
            EnsureSingleValue(entries[i], i);
            size += entries[i].Length;
        }

        var packed = new byte[size];
        var position = 0;
        packed[position++] = (byte)'[';
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                packed[position++] = (byte)',';
            }

            entries[i].CopyTo(packed, position);
            position += entries[i].Length;
        }

        packed[position++] = (byte)']';
        return packed.Length == position ? packed : packed[..position];
    }

    /// <summary>
    /// Adds the entries of a packed row whose first entry has version <paramref name="firstVersion"/> to
    /// <paramref name="into"/>, skipping those at or below <paramref name="afterVersion"/>.
    /// </summary>
    /// <remarks>
    /// An element is everything between the separators that <see cref="Pack"/> wrote ('[' or ',' before
    /// it, ',' or ']' after it), not just its tokens, so whitespace around an entry survives too. The
    /// reader only tells where each element's tokens end; the separator is the next ',' or ']' after that.
    /// </remarks>
    public static void Unpack(byte[] packed, long firstVersion, long afterVersion, DateTimeOffset recordedAt, List<JournalEntry> into)
    {
        var reader = new Utf8JsonReader(packed, new JsonReaderOptions { MaxDepth = 1024 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidDataException("A stored journal row is not a JSON array.");
        }

        var start = (int)reader.BytesConsumed;
        var version = firstVersion;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            while (packed[end] is not ((byte)',' or (byte)']'))
            {
                end++;
            }

            if (version > afterVersion)
            {
                into.Add(new JournalEntry(version, packed[start..end], recordedAt));
            }

            version++;
            start = end + 1;
        }
    }

    private static void EnsureSingleValue(byte[] entry, int index)
    {
        try
        {
            var reader = new Utf8JsonReader(entry, new JsonReaderOptions { MaxDepth = 1024 });
            if (reader.Read())
            {
                reader.Skip();
                if (!reader.Read())
                {
                    return;
                }
            }
        }
        catch (JsonException)
        {
        }

        throw new ArgumentException($"Journal entry {index} is not a single JSON value.", nameof(entry));
    }
}
