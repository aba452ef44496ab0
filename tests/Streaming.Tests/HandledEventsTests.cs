using System.Text.Json;
using Shop.Journaling;

namespace Shop.Streaming.Tests;

/// <summary>The consumers' memory of handled events: per producer, everything up to a version plus what lies beyond a gap.</summary>
public sealed class HandledEventsTests
{
    private static StreamEvent Event(string source, long version) => new(StreamEvent.IdOf(source, version), source, version, DateTimeOffset.UtcNow, "payload");

    [Fact]
    public void Events_in_order_are_remembered_as_one_number_per_producer()
    {
        var handled = new HandledEvents();
        for (var v = 1; v <= 500; v++)
        {
            Assert.True(handled.Add(Event("a", v)));
        }

        Assert.True(handled.Add(Event("b", 1)));

        Assert.Equal(500, handled.Sources["a"].Through);
        Assert.Empty(handled.Sources["a"].Beyond);
        Assert.True(handled.Contains(Event("a", 1)));
        Assert.True(handled.Contains(Event("a", 500)));
        Assert.False(handled.Contains(Event("a", 501)));
        Assert.False(handled.Contains(Event("b", 2)));
        Assert.False(handled.Add(Event("a", 250)));
    }

    [Fact]
    public void A_gap_is_kept_until_its_event_comes_and_then_closes()
    {
        var handled = new HandledEvents();
        handled.Add(Event("a", 1));
        handled.Add(Event("a", 3));
        handled.Add(Event("a", 4));

        Assert.False(handled.Contains(Event("a", 2)));
        Assert.Equal(1, handled.Sources["a"].Through);
        Assert.Equal([3L, 4L], handled.Sources["a"].Beyond);

        Assert.True(handled.Add(Event("a", 2)));
        Assert.Equal(4, handled.Sources["a"].Through);
        Assert.Empty(handled.Sources["a"].Beyond);
    }

    [Fact]
    public void Removing_an_event_whose_handling_failed_reopens_exactly_its_version()
    {
        var handled = new HandledEvents();
        handled.Add(Event("a", 1));
        handled.Add(Event("a", 3));
        handled.Add(Event("a", 2)); // closes the gap: through 3

        handled.Remove(Event("a", 2));

        Assert.False(handled.Contains(Event("a", 2)));
        Assert.True(handled.Contains(Event("a", 1)));
        Assert.True(handled.Contains(Event("a", 3)));

        handled.Remove(Event("a", 3));
        Assert.False(handled.Contains(Event("a", 3)));
        Assert.True(handled.Add(Event("a", 2)));
        Assert.True(handled.Add(Event("a", 3)));
        Assert.Equal(3, handled.Sources["a"].Through);
    }

    [Fact]
    public void A_gap_wider_than_the_limit_is_given_up()
    {
        var handled = new HandledEvents { MaxBeyondGap = 3 };
        handled.Add(Event("a", 1));
        for (var v = 3; v <= 6; v++)
        {
            handled.Add(Event("a", v));
        }

        Assert.Equal(6, handled.Sources["a"].Through);
        Assert.True(handled.Contains(Event("a", 2)));
    }

    [Fact]
    public void It_survives_the_json_of_grain_state_and_orleans_serialization()
    {
        var handled = new HandledEvents();
        handled.Add(Event("a", 1));
        handled.Add(Event("a", 3));
        handled.Add(Event("상품/키", 1));

        var json = JsonSerializer.Deserialize<HandledEvents>(JsonSerializer.SerializeToUtf8Bytes(handled, JournalJson.Options), JournalJson.Options)!;

        Assert.True(json.Contains(Event("a", 3)));
        Assert.False(json.Contains(Event("a", 2)));
        Assert.True(json.Contains(Event("상품/키", 1)));
    }
}
