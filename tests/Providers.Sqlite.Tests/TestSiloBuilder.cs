using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Providers.Sqlite.Tests;

/// <summary>An <see cref="ISiloBuilder"/> over a bare service collection, to inspect what the registration methods add.</summary>
internal sealed class TestSiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
}
