namespace Shop.Gateway.Users;

/// <summary>The body of <c>POST /api/auth/token</c>.</summary>
public sealed record TokenRequest(string? Email, string? Password);
