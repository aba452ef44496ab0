using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shop.Journaling;

public static class JournalingSiloBuilderExtensions
{
    /// <summary>
    /// Registers the log-consistency provider of <see cref="DurableJournaledGrain{TState,TEntry}"/> and its options.
    /// A storage provider must register the <see cref="IJournalStorage"/> (SQLite or MariaDB). Also runs the outbox
    /// sweeper (<see cref="JournalOutboxSweeper"/>), which hands events that a dead activation did not publish back
    /// to their grains; grains that publish need the stream provider <c>Shop.Streaming.StreamNames.Provider</c>.
    /// </summary>
    public static ISiloBuilder AddJournaling(this ISiloBuilder builder, Action<JournalOptions>? configure = null)
    {
        builder.AddCustomStorageBasedLogConsistencyProvider(JournalNames.LogConsistencyProvider);
        builder.Services.AddOptions<JournalOptions>().Configure(configure ?? (_ => { }));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, JournalOutboxSweeper>());
        return builder;
    }
}
