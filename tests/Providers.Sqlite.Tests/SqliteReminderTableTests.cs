namespace Shop.Providers.Sqlite.Tests;

/// <summary>The Orleans reminder-table contract on a fresh SQLite file per test.</summary>
public sealed class SqliteReminderTableTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqliteReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = new SqliteReminderTable(_database.OpenStore());
        await _table.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _table.StopAsync();
        _database.Dispose();
    }

    private static GrainId NewGrain() => GrainId.Create("reminding", Guid.NewGuid().ToString("N"));

    /// <summary>Whole milliseconds, UTC: the precision the table keeps.</summary>
    private static DateTime At(int minutes) => new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddMinutes(minutes);

    private static ReminderEntry Entry(GrainId grain, string name, int minutes = 0, int periodSeconds = 60) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = At(minutes),
        Period = TimeSpan.FromSeconds(periodSeconds),
    };

    [Fact]
    public async Task Upsert_read_and_remove_follow_the_etag()
    {
        var grain = NewGrain();
        Assert.Null(await _table.ReadRow(grain, "daily"));

        var first = await _table.UpsertRow(Entry(grain, "daily", minutes: 0, periodSeconds: 60));
        var read = await _table.ReadRow(grain, "daily");
        Assert.NotNull(read);
        Assert.Equal(first, read.ETag);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("daily", read.ReminderName);
        Assert.Equal(At(0), read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), read.Period);

        // An upsert always succeeds, replaces the schedule and issues a new ETag.
        var second = await _table.UpsertRow(Entry(grain, "daily", minutes: 5, periodSeconds: 90));
        Assert.NotEqual(first, second);
        read = await _table.ReadRow(grain, "daily");
        Assert.Equal(second, read?.ETag);
        Assert.Equal(At(5), read?.StartAt);
        Assert.Equal(TimeSpan.FromSeconds(90), read?.Period);

        // Removing with the old ETag (or one never issued) does nothing; with the current one it removes.
        Assert.False(await _table.RemoveRow(grain, "daily", first!));
        Assert.False(await _table.RemoveRow(grain, "daily", "not-an-etag"));
        Assert.False(await _table.RemoveRow(grain, "other", second!));
        Assert.NotNull(await _table.ReadRow(grain, "daily"));
        Assert.True(await _table.RemoveRow(grain, "daily", second!));
        Assert.Null(await _table.ReadRow(grain, "daily"));
        Assert.False(await _table.RemoveRow(grain, "daily", second!));
    }

    [Fact]
    public async Task ReadRows_of_a_grain_returns_its_reminders_only()
    {
        var grain = NewGrain();
        var other = NewGrain();
        await _table.UpsertRow(Entry(grain, "a"));
        await _table.UpsertRow(Entry(grain, "b"));
        await _table.UpsertRow(Entry(other, "a"));

        var rows = await _table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
        Assert.Empty((await _table.ReadRows(NewGrain())).Reminders);
    }

    [Fact]
    public async Task ReadRows_of_a_hash_range_excludes_begin_includes_end_and_wraps_around_when_begin_is_not_below_end()
    {
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("ranged", $"grain-{i}-{Guid.NewGuid():N}")).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Entry(grain, "r"));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Distinct().Order().ToList();
        Assert.True(hashes.Count > 10, "The test needs distinct hashes to cut ranges at.");

        async Task AssertRange(uint begin, uint end, Func<uint, bool> expected)
        {
            var rows = await _table.ReadRows(begin, end);
            var want = grains.Where(g => expected(g.GetUniformHashCode())).Select(g => g.ToString()).Order(StringComparer.Ordinal);
            Assert.Equal(want, rows.Reminders.Select(r => r.GrainId.ToString()).Order(StringComparer.Ordinal));
        }

        // (begin, end]: cut exactly at stored hashes to see which bound is inclusive.
        await AssertRange(hashes[2], hashes[7], h => h > hashes[2] && h <= hashes[7]);
        await AssertRange(hashes[2], hashes[3], h => h == hashes[3]);
        await AssertRange(0, uint.MaxValue, h => h > 0);
        // begin >= end wraps past uint.MaxValue: (begin, max] and [0, end].
        await AssertRange(hashes[7], hashes[2], h => h > hashes[7] || h <= hashes[2]);
        await AssertRange(uint.MaxValue, hashes[0], h => h <= hashes[0]);
        // begin == end is the whole ring.
        await AssertRange(hashes[4], hashes[4], _ => true);
        await AssertRange(0, 0, _ => true);
    }

    [Fact]
    public async Task TestOnlyClearTable_removes_every_reminder()
    {
        await _table.UpsertRow(Entry(NewGrain(), "a"));
        await _table.UpsertRow(Entry(NewGrain(), "b"));

        await _table.TestOnlyClearTable();

        Assert.Empty((await _table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Reminders_survive_closing_and_reopening_the_file()
    {
        var grain = NewGrain();
        var eTag = await _table.UpsertRow(Entry(grain, "durable", minutes: 3));
        await using (var other = _database.OpenStore())
        {
            var read = await new SqliteReminderTable(other).ReadRow(grain, "durable");
            Assert.Equal(eTag, read?.ETag);
            Assert.Equal(At(3), read?.StartAt);
        }
    }
}
