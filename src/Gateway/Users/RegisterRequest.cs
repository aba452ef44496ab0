namespace Shop.Gateway.Users;

/// <summary>The body of <c>POST /api/users</c>. Members are nullable because a client may leave them out; the rules say which are required.</summary>
public sealed record RegisterRequest(string? Email, string? Password, string? Name);
