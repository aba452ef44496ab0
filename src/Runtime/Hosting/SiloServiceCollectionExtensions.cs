using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shop.Runtime.Activation;
using Shop.Runtime.Diagnostics;
using Shop.Runtime.Messaging;
using Shop.Runtime.Reminders;
using Shop.Runtime.Streams;

namespace Shop.Runtime.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo to the host: the runtime, its grain factory, activation collection and graceful
    /// deactivation on shutdown. Storage comes from a provider (<c>UseSqliteStorage</c>, <c>UseMySqlStorage</c>).
    /// </summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SiloOptions>();
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton(sp => new GrainTypeManifest(sp.GetRequiredService<IOptions<GrainClassOptions>>().Value.GrainClasses));
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        services.TryAddSingleton<ISiloRuntime, SiloRuntime>();
        services.AddHostedService<SiloHostedService>();

        // Streams and reminders stop before the grains are deactivated: hosted services stop in reverse order.
        services.AddOptions<StreamOptions>();
        services.AddOptions<ReminderOptions>();
        services.AddOptions<Journaling.JournalOptions>();
        services.TryAddSingleton<StreamQueueSignals>();
        services.TryAddSingleton<StreamSubscriptions>();
        services.TryAddSingleton<StreamDelivery>();
        services.TryAddKeyedSingleton<IStreamProvider, DurableStreamProvider>(StreamProviderNames.Default);
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default));
        services.TryAddSingleton<IDeadLetterAdmin, DeadLetterAdmin>();
        services.TryAddSingleton<StreamDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<StreamDeliveryService>());
        services.TryAddSingleton<ReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        configure(new SiloBuilder(services));
        return services;
    }
}
