namespace Shop.Grains.Interfaces.Orders;

/// <summary>An order request that cannot be placed as it is (HTTP 400 <c>validation-failed</c>); <see cref="Errors"/> maps field to message.</summary>
[GenerateSerializer, Alias("shop.InvalidOrderException")]
public sealed class InvalidOrderException(IReadOnlyDictionary<string, string> errors)
    : Exception("The order is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")))
{
    [Id(0)]
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
