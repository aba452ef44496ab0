using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shop.Streaming;

public static class StreamingSiloBuilderExtensions
{
    /// <summary>
    /// Registers what consumers use around their handlers (<see cref="EventHandling"/>, its options, the
    /// <see cref="StreamActivity"/> it counts in) and the dead-letter hook for Orleans' pulling agents. A storage
    /// provider registers the <see cref="IDeadLetterStore"/>; the stream provider itself (<see cref="StreamNames.Provider"/>)
    /// is added by the host.
    /// </summary>
    public static ISiloBuilder AddEventHandling(this ISiloBuilder builder, Action<EventHandlingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EventHandlingOptions>().Configure(configure ?? (_ => { }));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => new StreamActivity(sp, sp.GetRequiredService<TimeProvider>()));
        builder.Services.TryAddSingleton<EventHandling>();
        builder.Services.TryAddSingleton<DeadLetterDeliveryFailureHandler>();
        return builder;
    }
}
