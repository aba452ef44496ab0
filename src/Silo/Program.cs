using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Shop.Gateway;
using Shop.Silo;

var builder = WebApplication.CreateBuilder(args);

// The embedded default listens on port 5080 unless --urls (or ASPNETCORE_URLS) says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(90));
builder.AddShopSilo();
builder.Services.AddStorefrontApi();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseStorefrontApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapOpenApi();
app.MapStorefrontApi();

app.Run();

/// <summary>The silo's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
