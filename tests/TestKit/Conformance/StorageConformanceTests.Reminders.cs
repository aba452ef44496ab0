namespace Shop.TestKit.Conformance;

public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Reminders_upsert_read_and_read_all()
    {
        var grain = NewGrain("subscription");
        var startAt = new DateTimeOffset(2032, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(9));
        Assert.Null(await Reminders.ReadAsync(grain, "renew"));

        var eTag = await Reminders.UpsertAsync(grain, "renew", startAt, TimeSpan.FromDays(30));

        var read = await Reminders.ReadAsync(grain, "renew");
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("renew", read.Name);
        Assert.Equal(startAt, read.StartAt);
        Assert.Equal(TimeSpan.FromDays(30), read.Period);
        Assert.Equal(eTag, read.ETag);

        var replaced = await Reminders.UpsertAsync(grain, "renew", startAt.AddMinutes(1), TimeSpan.FromMilliseconds(1500));
        Assert.NotEqual(eTag, replaced);
        read = await Reminders.ReadAsync(grain, "renew");
        Assert.NotNull(read);
        Assert.Equal(startAt.AddMinutes(1), read.StartAt);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), read.Period);
        Assert.Equal(replaced, read.ETag);

        var other = NewGrain("subscription");
        await Reminders.UpsertAsync(other, "renew", startAt, TimeSpan.FromHours(1));
        await Reminders.UpsertAsync(grain, "remind", startAt, TimeSpan.FromHours(2));

        var mine = (await Reminders.ReadAllAsync()).Where(r => r.GrainId.Type == grain.Type).ToList();
        Assert.Equal(3, mine.Count);
        Assert.Contains(mine, r => r.GrainId == grain && r.Name == "renew" && r.ETag == replaced && r.Period == TimeSpan.FromMilliseconds(1500));
        Assert.Contains(mine, r => r.GrainId == grain && r.Name == "remind" && r.Period == TimeSpan.FromHours(2));
        Assert.Contains(mine, r => r.GrainId == other && r.Name == "renew" && r.Period == TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Reminders_are_removed_only_with_their_current_etag()
    {
        var grain = NewGrain("subscription");
        var startAt = NowMs();
        var first = await Reminders.UpsertAsync(grain, "renew", startAt, TimeSpan.FromMinutes(5));
        var second = await Reminders.UpsertAsync(grain, "renew", startAt, TimeSpan.FromMinutes(6));

        Assert.False(await Reminders.RemoveAsync(grain, "renew", first));
        Assert.False(await Reminders.RemoveAsync(grain, "renew", "not-an-etag"));
        Assert.False(await Reminders.RemoveAsync(grain, "other", second));
        Assert.Equal(second, (await Reminders.ReadAsync(grain, "renew"))?.ETag);

        Assert.True(await Reminders.RemoveAsync(grain, "renew", second));
        Assert.Null(await Reminders.ReadAsync(grain, "renew"));
        Assert.False(await Reminders.RemoveAsync(grain, "renew", second));
        Assert.DoesNotContain(await Reminders.ReadAllAsync(), r => r.GrainId == grain);

        var again = await Reminders.UpsertAsync(grain, "renew", startAt, TimeSpan.FromMinutes(5));
        Assert.Equal(again, (await Reminders.ReadAsync(grain, "renew"))?.ETag);
    }
}
