namespace Shop.Runtime.Tests.TestGrains;

public sealed class MutableBasket
{
    public List<string> Items { get; set; } = [];
}

public sealed record Line(string Sku, int Quantity);

/// <summary>Not serializable: a delegate cannot cross a grain call.</summary>
public sealed class NotSerializable
{
    public Func<int> Callback { get; set; } = () => 1;
}

public interface ICopyGrain : IGrainWithStringKey
{
    /// <summary>Mutates the basket it receives and returns it.</summary>
    Task<MutableBasket> AddItemAsync(MutableBasket basket, string item);

    Task KeepAsync(MutableBasket basket);

    Task<MutableBasket> GetKeptAsync();

    Task<Line> EchoAsync(Line line);

    Task TakeAsync(NotSerializable value);
}

public sealed class CopyGrain : Grain, ICopyGrain
{
    private MutableBasket _kept = new();

    public Task<MutableBasket> AddItemAsync(MutableBasket basket, string item)
    {
        basket.Items.Add(item);
        return Task.FromResult(basket);
    }

    public Task KeepAsync(MutableBasket basket)
    {
        _kept = basket;
        return Task.CompletedTask;
    }

    public Task<MutableBasket> GetKeptAsync() => Task.FromResult(_kept);

    public Task<Line> EchoAsync(Line line) => Task.FromResult(line);

    public Task TakeAsync(NotSerializable value) => Task.CompletedTask;
}

public interface IListGrain : IGrainWithStringKey
{
    /// <summary>Returns a collection expression behind an interface: its runtime type is compiler-generated.</summary>
    Task<IReadOnlyList<string>> ListAsync(IReadOnlyCollection<string> items);
}

public sealed class ListGrain : Grain, IListGrain
{
    public Task<IReadOnlyList<string>> ListAsync(IReadOnlyCollection<string> items) => Task.FromResult<IReadOnlyList<string>>([.. items, "end"]);
}
