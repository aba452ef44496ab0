using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Streams;
using Shop.Silo;
using Shop.TestKit;

namespace Shop.Gateway.Tests.Hosting;

/// <summary>
/// The silo host (<see cref="Program"/>) with its co-hosted gateway, in process: a real Orleans silo on a fresh data
/// directory (SQLite) or a fresh MariaDB database, on ports of its own, with a configured administrator, a clock the
/// test can move (<see cref="Clock"/>) and the project's log lines kept (<see cref="Logs"/>). Use it as an xunit
/// fixture (<see cref="SqliteShop"/>, <see cref="MySqlShop"/>) or start one in a test with <see cref="StartAsync(ShopStorage, (string Key, string? Value)[])"/>.
/// Settings and services can be changed until it starts (<see cref="WithSetting"/>, <see cref="WithServices"/>).
/// </summary>
public class ShopApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@shop.test";
    public const string AdminPassword = "admin-password-for-tests";
    public const string DefaultPassword = "a-good-password-1";

    // Orleans' own machinery keeps real time (membership, directory, messaging, activation collection, reminders,
    // stream agents): a jump of months must not make a live silo look dead. Grains and the system's services read Clock.
    private static readonly string[] RealTimeAreas =
    [
        TimeProviderNames.Membership,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Messaging,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
        ReminderTimeProviderNames.Reminders,
        StreamingTimeProviderNames.Streaming,
    ];

    private readonly Dictionary<string, string?> _settings;
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly bool _ownsDataDirectory;
    private bool _ownsDatabase;
    private bool _started;
    private bool _kestrel;
    private int _disposed;

    /// <param name="storage">SQLite (embedded default) or MariaDB.</param>
    /// <param name="dataDirectory">A data directory to use (and leave behind), e.g. to start again on what a previous silo left; default a fresh one.</param>
    /// <param name="database">A MariaDB database to use (and leave behind) with <see cref="ShopStorage.MySql"/>; default a fresh one.</param>
    public ShopApiFactory(ShopStorage storage = ShopStorage.Sqlite, string? dataDirectory = null, MySqlTestDatabase? database = null)
    {
        Storage = storage;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? TempDirectory.Create("gateway");
        Database = database;
        var ports = FreePorts.Take(2);
        _settings = new Dictionary<string, string?>
        {
            ["Shop:DataDirectory"] = DataDirectory,
            ["Shop:Cluster:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Shop:Cluster:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Shop:Admin:Email"] = AdminEmail,
            ["Shop:Admin:Password"] = AdminPassword,
            // The least the silo accepts: hashing stays real PBKDF2, at a fraction of the default's cost.
            ["Shop:Users:PasswordIterations"] = "100000",
            // The tests sign in, place orders and poll far faster than people do; the rate-limit tests set their own.
            ["Shop:Gateway:SignInsPerMinute"] = "1000000",
            ["Shop:Gateway:OrdersPerMinute"] = "1000000",
            ["Shop:Gateway:AnonymousPerMinute"] = "1000000",
        };
    }

    public ShopStorage Storage { get; }

    public string DataDirectory { get; }

    /// <summary>The MariaDB database with <see cref="ShopStorage.MySql"/> (set once started), else null.</summary>
    public MySqlTestDatabase? Database { get; private set; }

    /// <summary>"Now" for the grains, the gateway and the tokens; move it with <see cref="TestClock.Advance"/>.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The log lines of <c>Shop.*</c> categories.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The silo's grain factory, to call grains directly.</summary>
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo with these settings (key, value; a null value removes a default such as the admin password).</summary>
    public static async Task<ShopApiFactory> StartAsync(ShopStorage storage, params (string Key, string? Value)[] settings)
    {
        var factory = new ShopApiFactory(storage);
        foreach (var (key, value) in settings)
        {
            factory.WithSetting(key, value);
        }

        await factory.StartAsync();
        return factory;
    }

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    /// <summary>Sets a configuration key (null: unset it) before the silo starts.</summary>
    public ShopApiFactory WithSetting(string key, string? value)
    {
        RequireNotStarted();
        _settings[key] = value;
        return this;
    }

    /// <summary>Changes the silo's services before it starts (after the host's own registrations, so they win).</summary>
    public ShopApiFactory WithServices(Action<IServiceCollection> configure)
    {
        RequireNotStarted();
        _services.Add(configure);
        return this;
    }

    /// <summary>
    /// Serves on a real Kestrel port of loopback (for a browser, see <see cref="ServerAddress"/>) instead of the in-memory
    /// test server. <see cref="CreateApiClient"/> then talks to that port.
    /// </summary>
    public ShopApiFactory WithKestrel()
    {
        RequireNotStarted();
        UseKestrel(0);
        _kestrel = true;
        return this;
    }

    /// <summary>Where the silo serves HTTP once started with <see cref="WithKestrel"/>.</summary>
    public Uri ServerAddress => ClientOptions.BaseAddress;

    /// <summary>Starts the silo (and creates its database first, with MariaDB). Returns once the silo is active and the administrator seeded.</summary>
    public async Task StartAsync()
    {
        if (_started)
        {
            return;
        }

        if (Storage == ShopStorage.MySql)
        {
            if (Database is null)
            {
                Database = await MySqlTestDatabase.CreateAsync();
                _ownsDatabase = true;
            }

            _settings["Shop:Storage:Provider"] = "MySql";
            _settings["Shop:Storage:ConnectionString"] = Database.ConnectionString;
        }

        _started = true;
        if (_kestrel)
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            ClientOptions.BaseAddress = new Uri(addresses.First());
        }
        else
        {
            _ = Server;
        }
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_ownsDatabase && Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (_ownsDataDirectory)
        {
            TempDirectory.Delete(DataDirectory);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>An HTTP client of the API without credentials.</summary>
    public HttpClient CreateApiClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    /// <summary>Registers a user through <c>POST /api/users</c> (a fresh email unless given); throws unless it answers 201.</summary>
    public async Task<RegisteredUser> RegisterAsync(string? email = null, string password = DefaultPassword, string name = "Test User")
    {
        using var client = CreateApiClient();
        var response = await client.PostAsJsonAsync("/api/users", new { email = email ?? NewEmail(), password, name });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var user = await response.Content.ReadFromJsonAsync<RegisteredUser>() ?? throw new InvalidOperationException("Registration answered no body.");
        return user with { Password = password };
    }

    /// <summary>Signs in through <c>POST /api/auth/token</c> and returns the access token; throws unless it answers 200.</summary>
    public async Task<string> TokenAsync(string email, string password)
    {
        using var client = CreateApiClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenBody>() ?? throw new InvalidOperationException("Sign-in answered no body.");
        return body.AccessToken;
    }

    /// <summary>An HTTP client that sends a bearer token of <paramref name="email"/>.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password) => WithToken(await TokenAsync(email, password));

    public Task<HttpClient> SignInAsync(RegisteredUser user) => SignInAsync(user.Email, user.Password);

    /// <summary>A fresh user, registered and signed in.</summary>
    public async Task<(RegisteredUser User, HttpClient Client)> NewUserClientAsync()
    {
        var user = await RegisterAsync();
        return (user, await SignInAsync(user));
    }

    /// <summary>An HTTP client signed in as the administrator of the configuration (<see cref="AdminEmail"/>, the configured password).</summary>
    public Task<HttpClient> AdminClientAsync() =>
        SignInAsync(_settings["Shop:Admin:Email"] ?? AdminEmail, _settings["Shop:Admin:Password"] ?? throw new InvalidOperationException("This silo has no configured admin password."));

    /// <summary>An HTTP client of the API that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = CreateApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var area in RealTimeAreas)
            {
                services.AddKeyedSingleton(area, TimeProvider.System);
            }

            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    private void RequireNotStarted()
    {
        if (_started)
        {
            throw new InvalidOperationException("The silo has started; change settings and services before StartAsync.");
        }
    }

    private sealed record TokenBody(string AccessToken, string TokenType, long ExpiresIn);
}
