namespace Shop.Grains.Interfaces.Users;

/// <summary>A registration broke <see cref="AccountRules"/>; <see cref="Errors"/> maps each field to its messages.</summary>
[GenerateSerializer, Alias("shop.InvalidRegistrationException")]
public sealed class InvalidRegistrationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The registration is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    [Id(0)]
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
