using Microsoft.Extensions.DependencyInjection;

namespace Shop.Runtime.Hosting;

/// <summary>Configures a silo: grain assemblies, storage providers and options.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }
}
