using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Providers.MySql;
using Shop.Providers.Sqlite;
using Shop.Runtime;
using Shop.Runtime.Hosting;
using Shop.TestSilo;

// Usage: Shop.TestSilo sqlite <data-directory> | mysql <connection-string>
// Protocol: one command per line on stdin, "<id> <verb> <args…>"; one answer per line on stdout,
// "<id> ok <result>" or "<id> error <ExceptionType> <message>". Commands run concurrently.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Shop", LogLevel.Warning);
builder.Services.AddLogging(l => l.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
builder.Services.AddSilo(silo =>
{
    silo.AddGrains(typeof(NoteGrain).Assembly).AddGrains(typeof(Shop.Grains.GrainsAssembly).Assembly);
    _ = args[0] switch
    {
        "sqlite" => silo.UseSqliteStorage(o => o.DataDirectory = args[1]),
        "mysql" => silo.UseMySqlStorage(o => o.ConnectionString = args[1]),
        _ => throw new ArgumentException($"Unknown provider {args[0]}."),
    };
});

using var host = builder.Build();
await host.StartAsync();
var commands = new TestSiloCommands(host.Services.GetRequiredService<IGrainFactory>());
var output = Console.Out;
var writeLock = new object();
output.WriteLine("ready");
output.Flush();

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
