namespace Shop.Gateway.Users;

/// <summary>The answer to <c>POST /api/users</c>.</summary>
public sealed record RegisteredUserResponse(Guid UserId, string Email, string Name);
