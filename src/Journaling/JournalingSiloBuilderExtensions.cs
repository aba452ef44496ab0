using Microsoft.Extensions.DependencyInjection;

namespace Shop.Journaling;

public static class JournalingSiloBuilderExtensions
{
    /// <summary>
    /// Registers the log-consistency provider of <see cref="DurableJournaledGrain{TState,TEntry}"/> and its options.
    /// A storage provider must register the <see cref="IJournalStorage"/> (SQLite or MariaDB).
    /// </summary>
    public static ISiloBuilder AddJournaling(this ISiloBuilder builder, Action<JournalOptions>? configure = null)
    {
        builder.AddCustomStorageBasedLogConsistencyProvider(JournalNames.LogConsistencyProvider);
        builder.Services.AddOptions<JournalOptions>().Configure(configure ?? (_ => { }));
        return builder;
    }
}
