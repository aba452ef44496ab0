namespace Shop.Bench;

public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);
}

/// <summary>The cheapest possible grain call: what the runtime itself costs.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> PingAsync(int value) => Task.FromResult(value + ++_calls);
}

[GenerateSerializer, Alias("bench.WriterState")]
public sealed class WriterState
{
    [Id(0)]
    public long Writes { get; set; }

    [Id(1)]
    public string Payload { get; set; } = "";
}

/// <summary>A grain that writes its <see cref="IPersistentState{TState}"/> on every call: one durable write per call.</summary>
public interface IStateWriterGrain : IGrainWithIntegerKey
{
    Task WriteAsync();

    /// <summary>Writes acknowledged so far, as the state holds them.</summary>
    Task<long> GetWritesAsync();
}

public abstract class StateWriterGrain(IPersistentState<WriterState> state) : Grain
{
    public async Task WriteAsync()
    {
        state.State.Writes++;
        state.State.Payload = "order-line-with-a-realistic-payload-size-0123456789";
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Writes--; // not acknowledged: the count holds acknowledged writes only
            throw;
        }
    }

    public Task<long> GetWritesAsync() => Task.FromResult(state.State.Writes);
}

/// <summary>On the silo's default grain storage: ours (AddMySqlStorage).</summary>
public interface IWriterGrain : IStateWriterGrain;

public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : StateWriterGrain(state), IWriterGrain;

/// <summary>On Orleans' own ADO.NET grain storage, registered as <see cref="StateWriteBenchmark.AdoNetStorage"/>.</summary>
public interface IAdoNetWriterGrain : IStateWriterGrain;

public sealed class AdoNetWriterGrain([PersistentState("writer", StateWriteBenchmark.AdoNetStorage)] IPersistentState<WriterState> state)
    : StateWriterGrain(state), IAdoNetWriterGrain;
