using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.TestKit;

namespace Shop.Silo.Tests;

/// <summary>The silo host on its embedded default (a real SQLite file in a temporary data directory).</summary>
public sealed class SiloHostTests : IDisposable
{
    private readonly string _dataDirectory = TempDirectory.Create("silo-host");
    private readonly WebApplicationFactory<Program> _factory;

    public SiloHostTests() =>
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Shop:DataDirectory", _dataDirectory));

    [Fact]
    public async Task Live_and_ready_answer_200_once_the_silo_runs_on_its_database()
    {
        var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "shop.db")));
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served()
    {
        var response = await _factory.CreateClient().GetAsync("/openapi/v1.json");

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task An_unknown_path_is_a_problem_with_a_stable_code()
    {
        var response = await _factory.CreateClient().GetAsync("/api/no-such-thing");

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not-found", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Selecting_MariaDB_without_a_connection_string_is_a_clear_startup_error()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Shop:DataDirectory", _dataDirectory)
            .UseSetting("Shop:Storage:Provider", "MySql"));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Shop:Storage:ConnectionString", exception.ToString());
    }

    public void Dispose()
    {
        _factory.Dispose();
        TempDirectory.Delete(_dataDirectory);
    }
}
