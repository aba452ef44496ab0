namespace Shop.Providers.Kafka.Tests;

public sealed class OffsetCommitTrackerTests
{
    [Fact]
    public void Commits_stop_at_the_first_unfinished_message_and_skip_dead_lettered_ones()
    {
        var tracker = new OffsetCommitTracker();
        tracker.Read(10, toOrleans: true);
        tracker.Read(11, toOrleans: false); // poison, not yet dead-lettered
        tracker.Read(12, toOrleans: true);
        Assert.Null(tracker.TakeCommit());

        tracker.FinishedThrough(12);
        Assert.Equal(11, tracker.TakeCommit()); // 11 holds the rest back until its dead letter is stored

        tracker.Finished(11);
        Assert.Equal(13, tracker.TakeCommit());
        tracker.Committed(13);
        Assert.Null(tracker.TakeCommit());
        Assert.Equal(0, tracker.PendingCount);
    }

    [Fact]
    public void Nothing_is_committable_before_delivery()
    {
        var tracker = new OffsetCommitTracker();
        tracker.Read(0, toOrleans: true);
        tracker.Read(1, toOrleans: true);
        Assert.Null(tracker.TakeCommit());
        tracker.FinishedThrough(0);
        Assert.Equal(1, tracker.TakeCommit());
    }
}
