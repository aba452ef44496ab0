using static Shop.ReadModels.Tests.Listings;

namespace Shop.ReadModels.Tests;

/// <summary>
/// Concurrent callers (one projection grain per product) share transactions, each call returns once its changes
/// are committed, and what was committed survives the read model being closed and opened again.
/// </summary>
public abstract partial class CatalogReadModelConformance
{
    [Fact]
    public async Task Calls_queued_while_a_transaction_waits_are_all_committed_together_in_the_next_one()
    {
        await ApplyAsync(Upsert(1, "Blocked lamp", version: 1));
        var batchesBefore = CommittedBatches(Model);

        Task blocked;
        Task[] queued;
        await using (await HoldWriteLockAsync(1))
        {
            // The writer takes the first call (maybe with some of the others) and waits for the lock; whatever it
            // did not take queues up meanwhile and must form a single next transaction.
            blocked = Model.ApplyAsync([Upsert(1, "Blocked lamp", version: 2)]);
            queued = [.. Enumerable.Range(1, 200).Select(i => Model.ApplyAsync([Upsert(1000 + i, $"Queued lamp {i}", paths: ["7"])]))];
        }

        await blocked;
        await Task.WhenAll(queued);
        var batches = CommittedBatches(Model) - batchesBefore;
        Assert.InRange(batches, 1, 2);
        Assert.Equal(2, await Model.GetVersionAsync(1));
        var listed = await Model.ListByCategoryAsync("7", false, 1, 500);
        Assert.Equal(200, listed.Total);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => 1000L + i).Reverse(), listed.Ids());
        Assert.Equal(200, (await Model.SearchAsync(Search("queued"))).Total);
    }

    [Fact]
    public async Task Two_hundred_concurrent_callers_each_see_their_change_committed_when_their_call_returns()
    {
        var batchesBefore = CommittedBatches(Model);
        var missing = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var id = 5000 + (worker * 25) + i;
                await Model.ApplyAsync([Upsert(id, $"Concurrent kettle {id}", version: id, paths: ["8/" + (worker + 1)])]);
                if (await Model.GetVersionAsync(id) != id)
                {
                    Interlocked.Increment(ref missing);
                }
            }
        })));

        Assert.Equal(0, missing);
        var batches = CommittedBatches(Model) - batchesBefore;
        Assert.InRange(batches, 1, 200);
        var listed = await Model.ListByCategoryAsync("8", true, 1, 500);
        Assert.Equal(200, listed.Total);
        Assert.Equal(Enumerable.Range(5000, 200).Select(i => (long)i).Reverse(), listed.Ids());
        Assert.Equal(25, (await Model.ListByCategoryAsync("8/3", false, 1, 500)).Total);
        Assert.Equal(200, (await Model.SearchAsync(Search("kettle", pageSize: 500))).Total);
    }

    [Fact]
    public async Task A_large_call_is_committed_whole()
    {
        await ApplyAsync([.. Enumerable.Range(1, 3000).Select(i => Upsert(i, $"Bulk item {i}", paths: [$"6/{(i % 10) + 1}"]))]);

        Assert.Equal(3000, (await Model.ListByCategoryAsync("6", true, 1, 10)).Total);
        Assert.Equal(300, (await Model.ListByCategoryAsync("6/4", false, 1, 10)).Total);
        Assert.Equal(3000, (await Model.SearchAsync(Search("bulk"))).Total);
        Assert.Equal(new long[] { 3000, 2999 }, (await Model.ListByCategoryAsync("6", true, 1, 2)).Ids());
    }

    [Fact]
    public async Task What_was_committed_is_there_after_closing_and_opening_the_store_again()
    {
        await ApplyAsync(Shoes);
        await ApplyAsync(Remove(106, version: 2));
        await CloseAsync(Model);

        var reopened = await OpenAsync();
        Assert.Equal(1, await reopened.GetVersionAsync(101));
        Assert.Equal(2, await reopened.GetVersionAsync(106));
        Assert.Equal(new long[] { 104, 101 }, (await reopened.ListByCategoryAsync("1/4/28", false, 1, 10)).Ids());
        Assert.Equal(new long[] { 103, 101 }, (await reopened.SearchAsync(Search("운동"))).Ids().Order().Reverse());
        Assert.Empty((await reopened.SearchAsync(Search("가방"))).Items);

        // And it goes on taking changes, still guarded by the versions held.
        await reopened.ApplyAsync([Upsert(106, "가방", version: 1), Upsert(107, "New 가방", version: 1, paths: ["2/8"])]);
        Assert.Equal(new long[] { 107 }, (await reopened.SearchAsync(Search("가방"))).Ids());
    }

    [Fact]
    public async Task Calls_made_just_before_closing_are_committed_before_the_close_returns()
    {
        var pending = Enumerable.Range(1, 50).Select(i => Model.ApplyAsync([Upsert(i, $"Closing item {i}")])).ToArray();
        await CloseAsync(Model);
        await Task.WhenAll(pending);

        var reopened = await OpenAsync();
        Assert.Equal(50, (await reopened.ListByCategoryAsync("1", false, 1, 100)).Total);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Model.ApplyAsync([Upsert(99, "Too late")]));
    }
}
