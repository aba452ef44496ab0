using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Shop.Journaling;

namespace Shop.TestKit;

/// <summary>
/// The silo's real <see cref="IJournalStorage"/>, counting the journal reads of each grain, so that a test can
/// tell whether an activation that should be gone still reads its journal.
/// </summary>
public sealed class CountingJournalStorage(IJournalStorage inner) : IJournalStorage
{
    private readonly ConcurrentDictionary<GrainId, int> _reads = new();

    public int ReadsOf(GrainId grainId) => _reads.GetValueOrDefault(grainId);

    public Task<JournalRead> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(grainId, 1, (_, n) => n + 1);
        return inner.ReadAsync(grainId, cancellationToken);
    }

    public Task<IReadOnlyList<JournalEntry>> ReadEntriesAsync(GrainId grainId, long afterVersion, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(grainId, 1, (_, n) => n + 1);
        return inner.ReadEntriesAsync(grainId, afterVersion, cancellationToken);
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> entries, JournalSnapshot? snapshot, bool toOutbox, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(grainId, expectedVersion, entries, snapshot, toOutbox, cancellationToken);

    public Task<long?> ReadFirstUnpublishedVersionAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        inner.ReadFirstUnpublishedVersionAsync(grainId, cancellationToken);

    public Task MarkPublishedAsync(GrainId grainId, long upToVersion, CancellationToken cancellationToken = default) =>
        inner.MarkPublishedAsync(grainId, upToVersion, cancellationToken);

    public Task<IReadOnlyList<GrainId>> ListUnpublishedAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken = default) =>
        inner.ListUnpublishedAsync(appendedBefore, limit, cancellationToken);

    public Task<IReadOnlyList<string>> ListKeysAsync(GrainType grainType, CancellationToken cancellationToken = default) =>
        inner.ListKeysAsync(grainType, cancellationToken);

    /// <summary>Wraps the <see cref="IJournalStorage"/> that the storage provider registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(IJournalStorage))
        {
            index--;
        }

        if (index < 0 || services[index].IsKeyedService)
        {
            throw new InvalidOperationException("The storage provider registered no IJournalStorage.");
        }

        var registered = services[index];
        Func<IServiceProvider, IJournalStorage> inner = registered switch
        {
            { ImplementationInstance: IJournalStorage instance } => _ => instance,
            { ImplementationFactory: { } factory } => provider => (IJournalStorage)factory(provider),
            { ImplementationType: { } type } => provider => (IJournalStorage)ActivatorUtilities.GetServiceOrCreateInstance(provider, type),
            _ => throw new InvalidOperationException($"Cannot wrap the IJournalStorage registration {registered}."),
        };
        services[index] = ServiceDescriptor.Singleton<IJournalStorage>(provider => new CountingJournalStorage(inner(provider)));
    }
}
