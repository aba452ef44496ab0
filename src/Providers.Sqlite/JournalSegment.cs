using System.Text.Json;
using Shop.Journaling;

namespace Shop.Providers.Sqlite;

/// <summary>
/// How the store keeps a run of consecutive journal entries of one grain: one row per append, not one
/// per entry, holding the entries as the elements of a JSON array, byte for byte as they were appended.
/// </summary>
/// <remarks>
/// A hot grain group-commits hundreds of entries at once; a database pays per row (index insert, page
/// splits) far more than per byte, so one row per append is what lets a single grain's journal keep up.
/// Each entry keeps its own version (the row's first version plus its position) and is read back as its
/// own <see cref="JournalEntry"/>; the <c>grain_journal_entries</c> view shows one SQL row per entry.
/// </remarks>
internal static class JournalSegment
{
    /// <summary>
    /// Checks that <paramref name="entry"/> is exactly one JSON value (no surrounding whitespace), the
    /// form an entry must have to be stored as an array element and read back unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The entry is not a single JSON value.</exception>
    public static void Validate(byte[] entry, GrainId grainId, string paramName)
    {
        ArgumentNullException.ThrowIfNull(entry, paramName);
        var reader = new Utf8JsonReader(entry, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (reader.Read() && reader.TokenStartIndex == 0 && reader.TrySkip() && reader.BytesConsumed == entry.Length)
            {
                return;
            }
        }
        catch (JsonException)
        {
        }

        throw new ArgumentException($"A journal entry of grain {grainId} is not a single UTF-8 JSON value without surrounding whitespace.", paramName);
    }

    /// <summary>Packs the entries into one row payload: <c>[e1,e2,…]</c>.</summary>
    public static byte[] Pack(IReadOnlyList<byte[]> entries)
    {
        var length = 1 + entries.Count;
        foreach (var entry in entries)
        {
            length += entry.Length;
        }

        var payload = new byte[length];
        var at = 0;
        payload[at++] = (byte)'[';
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                payload[at++] = (byte)',';
            }

            entries[i].CopyTo(payload, at);
            at += entries[i].Length;
        }

        payload[at] = (byte)']';
        return payload;
    }

    /// <summary>
    /// Unpacks a row whose first entry has version <paramref name="firstVersion"/>, adding the entries
    /// above <paramref name="afterVersion"/> to <paramref name="into"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The payload is not a JSON array.</exception>
    public static void Unpack(byte[] payload, long firstVersion, long afterVersion, DateTimeOffset recordedAt, List<JournalEntry> into)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException($"Journal row at version {firstVersion} does not hold a JSON array.");
            }

            var version = firstVersion;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (version > afterVersion)
                {
                    into.Add(new JournalEntry(version, payload[start..(int)reader.BytesConsumed], recordedAt));
                }

                version++;
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Journal row at version {firstVersion} is not valid JSON.", exception);
        }
    }
}
