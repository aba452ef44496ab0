using Microsoft.Extensions.Options;

namespace Shop.Gateway.Auth;

/// <summary>Stops start-up on an unusable <c>Shop:Auth</c> section with a message naming the key.</summary>
internal sealed class AuthSettingsValidation : IValidateOptions<AuthSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthSettings options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
