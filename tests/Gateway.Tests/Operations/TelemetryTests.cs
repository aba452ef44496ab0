using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shop.Gateway.Tests.Hosting;
using Shop.TestKit;

namespace Shop.Gateway.Tests.Operations;

/// <summary>
/// With an OTLP endpoint configured, the silo exports traces and metrics through the OpenTelemetry SDK: a request's
/// trace (the id the gateway returns in <c>X-Trace-Id</c>) reaches the collector, and so do the meters.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Traces_and_metrics_are_exported_over_OTLP_with_the_trace_id_the_client_saw()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var port = FreePorts.Take(1)[0];
        var collector = WebApplication.CreateBuilder();
        collector.Logging.ClearProviders();
        collector.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = collector.Build();
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();

        await using var shop = new ShopApiFactory(ShopStorage.Sqlite);
        shop.WithSetting("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{port}")
            .WithSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .WithSetting("OTEL_BSP_SCHEDULE_DELAY", "200")
            .WithSetting("OTEL_METRIC_EXPORT_INTERVAL", "500");
        await shop.StartAsync();
        using var client = shop.CreateApiClient();
        var response = await client.GetAsync("/api/categories");
        var traceId = Convert.FromHexString(response.Headers.GetValues("X-Trace-Id").Single());

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!(received.Any(r => r.Path == "/v1/traces" && Contains(r.Body, traceId)) && received.Any(r => r.Path == "/v1/metrics")))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The collector received {string.Join(", ", received.Select(r => r.Path))} and never the request's trace and the metrics.");
            await Task.Delay(100);
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
