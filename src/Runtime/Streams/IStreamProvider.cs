namespace Shop.Runtime.Streams;

/// <summary>Hands out durable streams. Grains get it with <c>GetStreamProvider()</c>; host code from DI.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId streamId);
}
