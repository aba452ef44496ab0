namespace Shop.Runtime.Tests.TestGrains;

public interface IStringKeyGrain : IGrainWithStringKey
{
    Task<string> GetKeyAsync();

    /// <summary>Calls another grain with the reference it was given, proving references work from inside grains.</summary>
    Task<string> AskOtherAsync(IGuidKeyGrain other);
}

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> GetKeyAsync();
}

public interface IIntegerKeyGrain : IGrainWithIntegerKey
{
    Task<long> GetKeyAsync();
}

public sealed class StringKeyGrain : Grain, IStringKeyGrain
{
    public Task<string> GetKeyAsync() => Task.FromResult(GetPrimaryKeyString());

    public async Task<string> AskOtherAsync(IGuidKeyGrain other) => $"{GetPrimaryKeyString()}->{await other.GetKeyAsync()}";
}

public sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> GetKeyAsync() => Task.FromResult(GetPrimaryKey());
}

public sealed class IntegerKeyGrain : Grain, IIntegerKeyGrain
{
    public Task<long> GetKeyAsync() => Task.FromResult(GetPrimaryKeyLong());
}
