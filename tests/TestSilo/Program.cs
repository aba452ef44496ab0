using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Journaling;
using Shop.Providers.MySql;
using Shop.Providers.Sqlite;
using Shop.StreamingProbes;
using Shop.TestSilo;

// Usage: Shop.TestSilo sqlite <data-directory> <silo-port> <gateway-port>
//        Shop.TestSilo mysql <connection-string> <silo-port> <gateway-port>
//        Shop.TestSilo streams-<combination> <data-directory|connection-string>[|<kafka brokers>[|<kafka topic prefix>]] <silo-port> <gateway-port>
// Protocol: "ready" on stdout once the silo has started; then one command per line on stdin,
// "<id> <verb> <args…>", and one answer per line on stdout, "<id> ok <result>" or
// "<id> error <ExceptionType> <message>". Commands run concurrently. Closing stdin stops the silo
// gracefully; the log goes to stderr so that stdout carries only the protocol.
if (args.Length != 4)
{
    Console.Error.WriteLine("Usage: Shop.TestSilo sqlite|mysql <data-directory|connection-string> <silo-port> <gateway-port>");
    return 2;
}

var (provider, target) = (args[0], args[1]);
var siloPort = int.Parse(args[2], CultureInfo.InvariantCulture);
var gatewayPort = int.Parse(args[3], CultureInfo.InvariantCulture);

using var host = Host.CreateDefaultBuilder()
    .ConfigureLogging(logging => logging
        .ClearProviders()
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .SetMinimumLevel(LogLevel.Warning))
    .UseOrleans(silo =>
    {
        // Development clustering: each child silo is a cluster of its own, so several can run side by side.
        silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "shop-testsilo", clusterId: $"testsilo-{siloPort}");
        if (provider.StartsWith("streams-", StringComparison.Ordinal))
        {
            // The streaming probes on a storage and queue combination; target is "<location>[|<kafka brokers>[|<kafka topic prefix>]]".
            var parts = target.Split('|', 3);
            silo.AddProbeStreaming(
                Enum.Parse<StreamingCombination>(provider["streams-".Length..]),
                parts[0],
                parts.Length > 1 ? parts[1] : null,
                parts.Length > 2 ? parts[2] : null);
            return;
        }

        _ = provider switch
        {
            "sqlite" => silo.AddSqliteStorage(o => o.DataDirectory = target),
            "mysql" => silo.AddMySqlStorage(o => o.ConnectionString = target),
            _ => throw new ArgumentException($"Unknown provider '{provider}'; use sqlite, mysql or streams-<combination>."),
        };
        silo.AddJournaling();
    })
    .Build();

await host.StartAsync();
var commands = new TestSiloCommands(host.Services.GetRequiredService<IGrainFactory>(), host.Services);
var output = Console.Out;
var writeLock = new object();
lock (writeLock)
{
    output.WriteLine("ready");
    output.Flush();
}

var running = new List<Task>();
while (await Console.In.ReadLineAsync() is { } line)
{
    running.Add(Task.Run(async () =>
    {
        var parts = line.Split(' ', 3);
        string answer;
        try
        {
            answer = $"{parts[0]} ok {await commands.RunAsync(parts[1], parts.Length > 2 ? parts[2] : "")}";
        }
        catch (Exception exception)
        {
            answer = $"{parts[0]} error {exception.GetType().Name} {exception.Message.ReplaceLineEndings(" ")}";
        }

        lock (writeLock)
        {
            output.WriteLine(answer);
            output.Flush();
        }
    }));
}

await Task.WhenAll(running);
await host.StopAsync();
return 0;
