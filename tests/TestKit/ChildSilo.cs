using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shop.TestKit;

/// <summary>
/// A real Orleans silo in a child process (tests/TestSilo) hosting Shop.Grains and a test grain, for tests
/// that must kill a real process: commands go over stdin, answers come back on stdout, and <see cref="Kill"/>
/// sends SIGKILL. Each start picks free silo and gateway ports, so several child silos can run at once.
/// </summary>
/// <remarks>
/// Protocol (see tests/TestSilo/Program.cs): one command per line, <c>&lt;id&gt; &lt;verb&gt; &lt;args…&gt;</c>;
/// one answer per line, <c>&lt;id&gt; ok &lt;result&gt;</c> or <c>&lt;id&gt; error &lt;ExceptionType&gt; &lt;message&gt;</c>.
/// Verbs: <c>write &lt;key&gt; &lt;text&gt;</c> (a NoteGrain's IPersistentState write; answers its ETag),
/// <c>read &lt;key&gt;</c>, <c>stock &lt;sku&gt; &lt;n&gt;</c>, <c>reserve &lt;sku&gt; &lt;orderId&gt;</c>
/// (answers "&lt;status&gt; &lt;repeated&gt;"), <c>sku &lt;sku&gt;</c> (answers "reserved=N insync=B"); with the
/// streaming probes: <c>emit &lt;key&gt; &lt;count&gt; &lt;handlerDelayMs&gt;</c> (answers the producer's version),
/// <c>version &lt;key&gt;</c>, <c>handled &lt;key&gt;</c> (the consumer's versions, comma-separated) and
/// <c>unpublished &lt;key&gt;</c> (the first version in the producer's outbox, or "none").
/// </remarks>
public sealed class ChildSilo : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(120);
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string>> _pending = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _stderr = new();
    private long _nextId;

    private ChildSilo(Process process) => _process = process;

    /// <summary>Standard error of the child so far (its log), for failure messages.</summary>
    public string Errors => string.Join(Environment.NewLine, _stderr);

    /// <summary>Starts a child silo on SQLite files in <paramref name="dataDirectory"/>.</summary>
    public static Task<ChildSilo> StartSqliteAsync(string dataDirectory) => StartAsync("sqlite", dataDirectory);

    /// <summary>Starts a child silo on MariaDB (the MySQL provider's <c>AddMySqlStorage</c>).</summary>
    public static Task<ChildSilo> StartMySqlAsync(string connectionString) => StartAsync("mysql", connectionString);

    /// <summary>
    /// Starts a child silo with the streaming probes on a storage and stream queue combination (see
    /// Shop.StreamingProbes.StreamingCombination): <paramref name="location"/> is the SQLite data directory or the
    /// MariaDB connection string, <paramref name="kafkaBootstrapServers"/> the brokers for Kafka.
    /// </summary>
    public static Task<ChildSilo> StartStreamingAsync(string combination, string location, string? kafkaBootstrapServers = null)
        => StartAsync($"streams-{combination}", kafkaBootstrapServers is null ? location : $"{location}|{kafkaBootstrapServers}");

    /// <summary>Sends a command and returns the result of its "ok" answer; an "error" answer throws <see cref="ChildSiloException"/>.</summary>
    public async Task<string> SendAsync(string verb, string arguments)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            lock (_process)
            {
                _process.StandardInput.WriteLine($"{id} {verb} {arguments}");
                _process.StandardInput.Flush();
            }
        }
        catch (IOException exception)
        {
            _pending.TryRemove(id, out _);
            throw new ChildSiloException($"The child silo is gone: {exception.Message}");
        }

        var line = await answer.Task.WaitAsync(AnswerTimeout);
        return line.StartsWith("ok ", StringComparison.Ordinal)
            ? line[3..]
            : throw new ChildSiloException($"{verb} {arguments}: {line}");
    }

    /// <summary>Kills the process with SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        FailPending("The child silo was killed.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Closing stdin asks the child to stop gracefully; it is killed if it does not.
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        FailPending("The child silo stopped.");
        _process.Dispose();
    }

    private static async Task<ChildSilo> StartAsync(string provider, string target)
    {
        // A port found free can be taken by someone else before the child binds it; then the child exits
        // during start and another pair of ports is tried.
        for (var attempt = 1; ; attempt++)
        {
            var (siloPort, gatewayPort) = FreePorts();
            var silo = Launch(provider, target, siloPort, gatewayPort);
            try
            {
                await silo._ready.Task.WaitAsync(StartTimeout);
                return silo;
            }
            catch (Exception exception) when (exception is ChildSiloException or TimeoutException)
            {
                silo.Kill();
                silo._process.Dispose();
                if (attempt == StartAttempts)
                {
                    throw new ChildSiloException($"The child silo did not start ({exception.Message}): {silo.Errors}");
                }
            }
        }
    }

    private static ChildSilo Launch(string provider, string target, int siloPort, int gatewayPort)
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
        start.ArgumentList.Add(siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new ChildSilo(process);
        process.OutputDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                silo._stderr.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) =>
        {
            silo._ready.TrySetException(new ChildSiloException($"The child silo exited with code {SafeExitCode(process)}."));
            silo.FailPending("The child silo exited.");
        };
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the child silo.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void FailPending(string reason)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetException(new ChildSiloException(reason));
            }
        }
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

    private static (int SiloPort, int GatewayPort) FreePorts()
    {
        // Both listeners stay open until both ports are known, so the two are distinct.
        using var silo = new TcpListener(IPAddress.Loopback, 0);
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        gateway.Start();
        var ports = (((IPEndPoint)silo.LocalEndpoint).Port, ((IPEndPoint)gateway.LocalEndpoint).Port);
        silo.Stop();
        gateway.Stop();
        return ports;
    }

    // The TestSilo is built next to this assembly's configuration: tests/TestSilo/bin/<Configuration>/<tfm>/.
    private static string LocateTestSilo()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
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
