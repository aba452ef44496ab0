using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Interfaces.Orders;
using Shop.Streaming;

namespace Shop.Gateway.Tests.Operations;

/// <summary>API.md, Operations: dead letters (list, replay, discard) and the cluster view, for the administrator only.</summary>
public abstract class OperationsTests<TShop>(TShop shop) where TShop : ShopApiFactory
{
    protected TShop Shop { get; } = shop;

    [Fact]
    public async Task The_administrator_lists_replays_and_discards_dead_letters()
    {
        using var admin = await Shop.AdminClientAsync();
        var replayable = await AddDeadLetterAsync();
        var discardable = await AddDeadLetterAsync();

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters");
        var letter = listed.EnumerateArray().Single(l => l.GetProperty("id").GetInt64() == replayable.Id);
        Assert.Equal($"{OrderStreams.Orders}/{replayable.StreamKey}", letter.GetProperty("stream").GetString());
        Assert.Equal(typeof(OrderEvent).FullName, letter.GetProperty("eventType").GetString());
        Assert.Equal("the handler failed", letter.GetProperty("error").GetString());
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.True(letter.TryGetProperty("failedAt", out _));

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/admin/dead-letters/{replayable.Id}/replay", null)).StatusCode);
        await ProblemAssert.IsAsync(await admin.PostAsync($"/api/admin/dead-letters/{replayable.Id}/replay", null), HttpStatusCode.Conflict, "dead-letter-not-replayable");
        await ProblemAssert.IsAsync(await admin.DeleteAsync($"/api/admin/dead-letters/{replayable.Id}"), HttpStatusCode.Conflict, "dead-letter-not-open");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/dead-letters/{discardable.Id}")).StatusCode);
        var open = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters")).EnumerateArray().Select(l => l.GetProperty("id").GetInt64()).ToList();
        Assert.DoesNotContain(replayable.Id, open);
        Assert.DoesNotContain(discardable.Id, open);

        await ProblemAssert.IsAsync(await admin.PostAsync("/api/admin/dead-letters/987654321/replay", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(await admin.DeleteAsync("/api/admin/dead-letters/987654321"), HttpStatusCode.NotFound, "not-found");
        var (_, user) = await Shop.NewUserClientAsync();
        await ProblemAssert.IsAsync(await user.GetAsync("/api/admin/dead-letters"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(await Shop.CreateApiClient().GetAsync("/api/admin/dead-letters"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_cluster_view_shows_the_silo_and_its_activations()
    {
        using var admin = await Shop.AdminClientAsync();
        var cluster = await admin.GetFromJsonAsync<JsonElement>("/api/admin/cluster");

        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(silo.GetProperty("address").GetString()));
        Assert.True(silo.GetProperty("activations").GetInt32() > 0);
        Assert.Contains(cluster.GetProperty("grainTypes").EnumerateArray(), t => t.GetProperty("activations").GetInt32() > 0);
        var (_, user) = await Shop.NewUserClientAsync();
        await ProblemAssert.IsAsync(await user.GetAsync("/api/admin/cluster"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Every_answer_carries_a_trace_id_and_security_headers_and_large_bodies_are_refused()
    {
        using var client = Shop.CreateApiClient();
        foreach (var response in new[] { await client.GetAsync("/health/live"), await client.GetAsync("/api/products/999999999") })
        {
            Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Trace-Id").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        var huge = new StringContent($"{{\"email\":\"a@b.c\",\"password\":\"{new string('x', 300 * 1024)}\",\"name\":\"x\"}}", Encoding.UTF8, "application/json");
        await ProblemAssert.IsAsync(await client.PostAsync("/api/users", huge), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>A dead letter of a real event (an order's journal line as the stream carries it), as a failing consumer leaves it.</summary>
    private async Task<DeadLetter> AddDeadLetterAsync()
    {
        var orderId = OrderIds.New();
        var source = $"order/{orderId}";
        var streamEvent = new StreamEvent(StreamEvent.IdOf(source, 1), source, 1, DateTimeOffset.UtcNow, new OrderEvent(OrderEventKind.Cancelled, orderId, DateTimeOffset.UtcNow));
        var store = Shop.Services.GetRequiredService<IDeadLetterStore>();
        var payload = Shop.Services.GetRequiredService<Serializer>().SerializeToArray(streamEvent);
        var letter = new DeadLetter(0, streamEvent.EventId, StreamNames.Provider, OrderStreams.Orders, orderId, streamEvent.PayloadType, payload, false,
            $"payment/{orderId}", "the handler failed", 3, DateTimeOffset.UtcNow, DeadLetterStatus.Open);
        return letter with { Id = await store.AddAsync(letter) };
    }
}

public sealed class OperationsOnSqlite(SqliteShop shop) : OperationsTests<SqliteShop>(shop), IClassFixture<SqliteShop>;

public sealed class OperationsOnMySql(MySqlShop shop) : OperationsTests<MySqlShop>(shop), IClassFixture<MySqlShop>;
