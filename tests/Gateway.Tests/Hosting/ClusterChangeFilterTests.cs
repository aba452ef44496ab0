using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Shop.Gateway.Resilience;
using Shop.Journaling;

namespace Shop.Gateway.Tests.Hosting;

/// <summary>
/// Which requests the gateway repeats when the cluster changes under them, and what the others get. The cluster tests
/// (tests/Silo.Tests) show it under real silo failures; here each rule is pinned down with endpoints that fail on cue.
/// </summary>
public sealed class ClusterChangeFilterTests : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private int _calls;

    public ClusterChangeFilterTests()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddStorefrontApi();
        _app = builder.Build();
        _app.UseStorefrontApi();
        var api = _app.MapGroup("/").AddEndpointFilter<ClusterChangeFilter>();

        // Each fails the first two times with what a silo failure looks like, then answers.
        api.MapGet("/read", () => FailTwiceThen(new SiloUnavailableException("the silo went away")));
        api.MapPut("/set", () => FailTwiceThen(new JournalFencedException("another activation owns the journal")));
        api.MapPost("/add", () => FailTwiceThen(new SiloUnavailableException("the silo went away")));
        api.MapPost("/sign-in", () => FailTwiceThen(new TimeoutException("no answer"))).RepeatableOnClusterChange();
        api.MapGet("/refused", () => FailTwiceThen(new InvalidOperationException("a defect, not a cluster change")));
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();
    }

    [Theory]
    [InlineData("GET", "/read")]
    [InlineData("PUT", "/set")]
    [InlineData("POST", "/sign-in")]
    public async Task An_operation_harmless_to_repeat_is_repeated_until_it_answers(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _calls);
    }

    [Fact]
    public async Task A_post_not_marked_repeatable_is_answered_503_with_retry_after_and_not_repeated()
    {
        using var response = await _client.PostAsync("/add", null);

        await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task A_failure_that_is_no_cluster_change_is_not_repeated()
    {
        using var response = await _client.GetAsync("/refused");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task Repeating_stops_when_the_client_goes_away()
    {
        using var gone = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClusterChange.RepeatAsync<int>(
            () => throw new SiloUnavailableException("never back"),
            (_, attempt) =>
            {
                attempts = attempt;
                gone.Cancel();
            },
            gone.Token));

        Assert.Equal(1, attempts);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private IResult FailTwiceThen(Exception failure) =>
        Interlocked.Increment(ref _calls) <= 2 ? throw failure : TypedResults.Ok("answered");
}
