namespace Shop.Runtime.Tests.TestGrains;

public sealed class CounterState
{
    public int Value { get; set; }

    public List<string> Notes { get; set; } = [];

    /// <summary>Added after rows were written without it: old rows must read with this default.</summary>
    public string Label { get; set; } = "unlabelled";
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount, string? note = null);

    Task<CounterSnapshot> GetAsync();

    Task<int> ValueSeenOnActivationAsync();

    Task ClearAsync();

    Task<int> InstanceAsync();
}

public sealed record CounterSnapshot(int Value, IReadOnlyList<string> Notes, string Label, string? ETag, bool RecordExists);

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    private static int s_instances;
    private readonly int _instance = Interlocked.Increment(ref s_instances);
    private int _valueSeenOnActivation = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _valueSeenOnActivation = counter.State.Value;
        return Task.CompletedTask;
    }

    public async Task<int> AddAsync(int amount, string? note = null)
    {
        counter.State.Value += amount;
        if (note is not null)
        {
            counter.State.Notes.Add(note);
        }

        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<CounterSnapshot> GetAsync() =>
        Task.FromResult(new CounterSnapshot(counter.State.Value, [.. counter.State.Notes], counter.State.Label, counter.Etag, counter.RecordExists));

    public Task<int> ValueSeenOnActivationAsync() => Task.FromResult(_valueSeenOnActivation);

    public Task ClearAsync() => counter.ClearStateAsync();

    public Task<int> InstanceAsync() => Task.FromResult(_instance);
}
