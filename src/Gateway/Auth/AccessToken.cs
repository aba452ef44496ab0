namespace Shop.Gateway.Auth;

/// <summary>An issued bearer token and how long it is accepted.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt, TimeSpan Lifetime);
