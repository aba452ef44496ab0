using Shop.Runtime;

namespace Shop.TestSilo;

/// <summary>The verbs a test can send to the child silo.</summary>
internal sealed class TestSiloCommands(IGrainFactory grains)
{
    public async Task<string> RunAsync(string verb, string arguments)
    {
        var parts = arguments.Split(' ', 2);
        return verb switch
        {
            "write" => await grains.GetGrain<INoteGrain>(parts[0]).WriteAsync(parts[1]),
            "read" => await grains.GetGrain<INoteGrain>(parts[0]).ReadAsync() ?? "<none>",
            "send" => await SendAsync(parts[0], parts[1]),
            "inbox" => string.Join('|', await grains.GetGrain<IInboxGrain>(parts[0]).ReadAsync()),
            _ => throw new ArgumentException($"Unknown verb '{verb}'."),
        };
    }

    private async Task<string> SendAsync(string key, string text)
    {
        await grains.GetGrain<IMailboxGrain>(key).SendAsync(text);
        return "sent";
    }
}
