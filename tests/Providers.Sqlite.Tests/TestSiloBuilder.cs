using Microsoft.Extensions.DependencyInjection;
using Shop.Runtime.Hosting;

namespace Shop.Providers.Sqlite.Tests;

internal sealed class TestSiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;
}
