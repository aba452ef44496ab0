using System.Collections.Concurrent;
using Shop.Streaming;

namespace Shop.TestKit;

/// <summary>An in-memory <see cref="IDeadLetterStore"/> shared by the test silos of the process.</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    public static readonly InMemoryDeadLetterStore Instance = new();

    private readonly ConcurrentQueue<DeadLetter> _letters = new();
    private long _nextId;

    public IReadOnlyList<DeadLetter> All => _letters.ToArray();

    public Task<long> AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        _letters.Enqueue(deadLetter with { Id = id, Status = DeadLetterStatus.Open });
        return Task.FromResult(id);
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterStatus? status, long afterId, int limit, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<DeadLetter>>(_letters.Where(l => (status is null || l.Status == status) && l.Id > afterId).Take(limit).ToList());

    public Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default)
        => Task.FromResult(_letters.FirstOrDefault(l => l.Id == id));

    public Task<bool> CloseAsync(long id, DeadLetterStatus status, CancellationToken cancellationToken = default)
        => Task.FromResult(false);
}
