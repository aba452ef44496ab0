using System.Net;
using System.Text.Json;

namespace Shop.Gateway.Tests.Hosting;

/// <summary>Checks that an answer is an RFC 9457 problem with the status and <c>code</c> of shared/API.md.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>A 400 <c>validation-failed</c> whose <c>errors</c> names <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string[]> IsValidationOfAsync(HttpResponseMessage response, string field)
    {
        var problem = await IsAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors has no '{field}': {errors}");
        var list = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(list);
        return list;
    }
}
