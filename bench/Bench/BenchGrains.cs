using Shop.Runtime;

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

public sealed class WriterState
{
    public long Writes { get; set; }

    public string Payload { get; set; } = "";
}

public interface IWriterGrain : IGrainWithIntegerKey
{
    Task WriteAsync();
}

/// <summary>Writes its state on every call: one durable write per call.</summary>
public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    public Task WriteAsync()
    {
        state.State.Writes++;
        state.State.Payload = "order-line-with-a-realistic-payload-size-0123456789";
        return state.WriteStateAsync();
    }
}
