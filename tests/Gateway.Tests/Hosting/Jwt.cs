using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Shop.Gateway.Tests.Hosting;

/// <summary>Reads and forges access tokens, to check what the gateway puts in them and what it refuses.</summary>
public static class Jwt
{
    /// <summary>The payload of a token (not checked).</summary>
    public static JsonElement Claims(string token) => JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.Clone();

    /// <summary>The token with one claim changed and its signature kept: what a client tampering with it would send.</summary>
    public static string WithClaim(string token, string claim, string value)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload[claim] = value;
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    /// <summary>A well-formed token like the gateway's, signed with another key.</summary>
    public static string SignedWith(byte[] key, Guid userId, string email, string role, DateTimeOffset expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "shop",
            Audience = "shop-api",
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = userId.ToString(), ["email"] = email, ["role"] = role },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
}
