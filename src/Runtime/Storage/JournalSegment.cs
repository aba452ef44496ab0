using System.Text.Json;

namespace Shop.Runtime.Storage;

/// <summary>
/// How providers store a run of consecutive journal entries of one grain: one row per commit, not one
/// per entry, holding the entries as the elements of a JSON array, byte for byte as they were appended.
/// </summary>
/// <remarks>
/// A hot grain group-commits hundreds of entries at once; a database pays per row (index insert, undo,
/// redo, parsing) far more than per byte, so one row per commit is what lets a single grain's journal
/// keep up. Each entry keeps its own version (the row's first version plus its position) and is still
/// read back as its own <see cref="JournalEntry"/>; the providers' <c>grain_journal_entries</c> views
/// show one SQL row per entry. Rows are keyed by their first version, and an append is refused unless
/// it starts right after the grain's last stored version, so a second writer cannot slip a version in
/// and a commit cannot be stored without the one before it.
/// </remarks>
public static class JournalSegment
{
    /// <summary>
    /// Checks that <paramref name="entry"/> is exactly one JSON value (no surrounding whitespace), the
    /// form an entry must have to be stored as an array element and read back unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The entry is not a single JSON value.</exception>
    public static void Validate(byte[] entry, GrainId grainId, string paramName)
    {
        ArgumentNullException.ThrowIfNull(entry);
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

    /// <summary>Packs <paramref name="count"/> entries starting at <paramref name="start"/> into one row payload.</summary>
    public static byte[] Pack(IReadOnlyList<byte[]> entries, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var length = 1 + count;
        for (var i = start; i < start + count; i++)
        {
            length += entries[i].Length;
        }

        var payload = new byte[length];
        var at = 0;
        payload[at++] = (byte)'[';
        for (var i = start; i < start + count; i++)
        {
            if (i > start)
            {
                payload[at++] = (byte)',';
            }

            entries[i].CopyTo(payload, at);
            at += entries[i].Length;
        }

        payload[at] = (byte)']';
        return payload;
    }

    /// <summary>The bytes a packed entry takes in a row payload: its own bytes and one separator.</summary>
    public static int PackedSize(byte[] entry) => entry.Length + 1;

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
