namespace Shop.Gateway.Tests.Hosting;

/// <summary>A user a test registered through the API, with the password it chose.</summary>
public sealed record RegisteredUser(Guid UserId, string Email, string Name)
{
    public string Password { get; init; } = "";
}
