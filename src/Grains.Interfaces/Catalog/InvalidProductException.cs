namespace Shop.Grains.Interfaces.Catalog;

/// <summary>A product document that breaks <see cref="ProductRules"/>; <see cref="Errors"/> maps each field to its messages.</summary>
[GenerateSerializer, Alias("shop.InvalidProductException")]
public sealed class InvalidProductException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The product document is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    [Id(0)]
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
