using System.Collections.Concurrent;
using System.Diagnostics;

namespace Shop.TestKit;

/// <summary>
/// A silo in a child process (tests/TestSilo), for tests that must kill a real process: commands go
/// over stdin, answers come back on stdout, and <see cref="Kill"/> sends SIGKILL.
/// </summary>
public sealed class ChildSilo : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string>> _pending = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _stderr = new();
    private long _nextId;

    private ChildSilo(Process process) => _process = process;

    /// <summary>Standard error of the child so far, for failure messages.</summary>
    public string Errors => string.Join(Environment.NewLine, _stderr);

    /// <summary>Starts a child silo on SQLite in <paramref name="dataDirectory"/>.</summary>
    /// <param name="holdDeliveries">Stream handlers of the child never return (SHOP_TESTSILO_HOLD_DELIVERY).</param>
    public static Task<ChildSilo> StartSqliteAsync(string dataDirectory, bool holdDeliveries = false) => StartAsync("sqlite", dataDirectory, holdDeliveries);

    /// <summary>Starts a child silo on MariaDB.</summary>
    public static Task<ChildSilo> StartMySqlAsync(string connectionString, bool holdDeliveries = false) => StartAsync("mysql", connectionString, holdDeliveries);

    /// <summary>Sends a command and returns the result of its "ok" answer; an "error" answer throws.</summary>
    public async Task<string> SendAsync(string verb, string arguments)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        lock (_process)
        {
            _process.StandardInput.WriteLine($"{id} {verb} {arguments}");
            _process.StandardInput.Flush();
        }

        var line = await answer.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return line.StartsWith("ok ", StringComparison.Ordinal)
            ? line[3..]
            : throw new ChildSiloException($"{verb} {arguments}: {line}");
    }

    /// <summary>Kills the process with SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new ChildSiloException("The child silo was killed."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                Kill();
            }
        }

        await Task.CompletedTask;
        _process.Dispose();
    }

    private static async Task<ChildSilo> StartAsync(string provider, string target, bool holdDeliveries)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LocateTestSilo());
        start.ArgumentList.Add(provider);
        start.ArgumentList.Add(target);
        start.Environment["SHOP_TESTSILO_HOLD_DELIVERY"] = holdDeliveries ? "1" : "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child silo.");
        var silo = new ChildSilo(process);
        process.OutputDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                silo._stderr.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => silo._ready.TrySetException(new ChildSiloException($"The child silo exited: {silo.Errors}"));
        try
        {
            await silo._ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new ChildSiloException($"The child silo did not start: {silo.Errors}");
        }

        return silo;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == "ready")
        {
            _ready.TrySetResult();
            return;
        }

        var space = line.IndexOf(' ');
        if (space > 0 && long.TryParse(line.AsSpan(0, space), out var id) && _pending.TryRemove(id, out var answer))
        {
            answer.TrySetResult(line[(space + 1)..]);
        }
    }

    // The TestSilo is built next to this assembly's configuration: tests/TestSilo/bin/<Configuration>/<tfm>/.
    private static string LocateTestSilo()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "TestSilo", "bin", configuration, tfm, "Shop.TestSilo.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Shop.TestSilo.dll ({configuration}/{tfm}) was not found; build tests/TestSilo first.");
    }
}
