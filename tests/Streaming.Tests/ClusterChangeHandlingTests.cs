using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization;
using Shop.Providers.Sqlite;
using Shop.Streaming;
using Shop.TestKit;

namespace Shop.Streaming.Tests;

/// <summary>
/// A handler that fails because the cluster changed under it (a silo it called was killed and is not yet declared
/// dead) is tried again until the cluster settles; only failures of the handling itself make a dead letter. Against a
/// real SQLite dead-letter store.
/// </summary>
public sealed class ClusterChangeHandlingTests : IAsyncDisposable
{
    private static readonly StreamId Stream = StreamId.Create("orders", "order-1");

    private readonly string _directory = TempDirectory.Create("cluster-change-handling");
    private readonly SqliteStore _store;
    private readonly SqliteDeadLetterStore _deadLetters;
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public ClusterChangeHandlingTests()
    {
        _store = new SqliteStore(new SqliteStorageOptions { DataDirectory = _directory });
        _deadLetters = new SqliteDeadLetterStore(_store);
    }

    [Fact]
    public async Task Failures_from_a_silo_going_away_do_not_count_toward_the_attempts()
    {
        var calls = 0;

        // More failures than MaxAttempts, each of the kind a dead silo causes, then the handler succeeds.
        var outcome = await Handling(maxAttempts: 3).HandleAsync(Event(), Stream, "projection", new HandledEvents(), _ =>
            ++calls <= 6 ? throw new SiloUnavailableException("the silo holding the order went away") : Task.CompletedTask);

        Assert.Equal((HandlingOutcome.Handled, 7), (outcome, calls));
        Assert.Empty(await _deadLetters.ListAsync(null, 0, 10));
    }

    [Fact]
    public async Task Once_the_patience_is_spent_cluster_failures_count_like_any_other()
    {
        var calls = 0;

        var outcome = await Handling(maxAttempts: 2, patience: TimeSpan.Zero).HandleAsync(Event(), Stream, "projection", new HandledEvents(), _ =>
        {
            calls++;
            throw new SiloUnavailableException("never back");
        });

        Assert.Equal((HandlingOutcome.DeadLettered, 2), (outcome, calls));
        Assert.Equal(2, Assert.Single(await _deadLetters.ListAsync(null, 0, 10)).Attempts);
    }

    [Fact]
    public async Task A_handler_that_fails_by_itself_is_dead_lettered_after_its_attempts()
    {
        var calls = 0;

        var outcome = await Handling(maxAttempts: 3).HandleAsync(Event(), Stream, "projection", new HandledEvents(), _ =>
        {
            calls++;
            throw new InvalidOperationException("a poison event");
        });

        Assert.Equal((HandlingOutcome.DeadLettered, 3), (outcome, calls));
        Assert.Contains("a poison event", Assert.Single(await _deadLetters.ListAsync(null, 0, 10)).Error, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
        TempDirectory.Delete(_directory);
    }

    private static StreamEvent Event() => new("order-1@1", "order-1", 1, DateTimeOffset.UtcNow, "placed");

    private EventHandling Handling(int maxAttempts, TimeSpan? patience = null) => new(
        _deadLetters,
        new StreamActivity(() => null, TimeProvider.System),
        _services.GetRequiredService<Serializer>(),
        Options.Create(new EventHandlingOptions
        {
            MaxAttempts = maxAttempts,
            FirstRetryDelay = TimeSpan.FromMilliseconds(10),
            ClusterChangePatience = patience ?? TimeSpan.FromSeconds(30),
        }),
        TimeProvider.System,
        NullLogger<EventHandling>.Instance);
}
