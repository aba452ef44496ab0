using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Shop.Gateway.Hosting;

/// <summary>
/// Traces and metrics through the OpenTelemetry SDK, for the silo and the gateway alike: ASP.NET Core requests,
/// Orleans' grain calls and runtime meters, and the project's own meters (<c>Shop.*</c>). They are exported over OTLP
/// when an endpoint is configured (the SDK's standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, as environment variable or
/// configuration key, with its companions such as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>); otherwise nothing is collected.
/// </summary>
public static class ShopTelemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meters the project's own code publishes on.</summary>
    public static readonly string[] Meters = ["Shop.*", "Microsoft.Orleans"];

    /// <summary>Orleans' activity sources: calls between grains and from clients, as spans of the request's trace.</summary>
    public static readonly string[] Sources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static WebApplicationBuilder AddShopTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(Sources))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(Meters))
            .UseOtlpExporter();
        return builder;
    }
}
