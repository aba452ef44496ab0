namespace Shop.Gateway.Users;

/// <summary>The answer to <c>POST /api/auth/token</c>; <see cref="ExpiresIn"/> is in seconds (as in OAuth 2.0).</summary>
public sealed record AccessTokenResponse(string AccessToken, string TokenType, long ExpiresIn);
