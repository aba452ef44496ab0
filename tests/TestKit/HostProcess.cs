using System.Collections.Concurrent;
using System.Diagnostics;

namespace Shop.TestKit;

/// <summary>
/// A silo or gateway as a real child process (<c>dotnet Shop.Silo.dll</c>), configured through environment
/// variables like an operator would. Its output is kept for failure messages; <see cref="Kill"/> sends SIGKILL,
/// <see cref="Terminate"/> SIGTERM (a graceful stop), <see cref="Pause"/> and <see cref="Resume"/> SIGSTOP and SIGCONT;
/// disposing kills it too, so no process outlives its test.
/// </summary>
public sealed class HostProcess : IDisposable
{

    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Lock _logGate = new();
    private StreamWriter? _log;

    private HostProcess(string name, string httpUrl, IReadOnlyDictionary<string, string> settings, Process process, StreamWriter? log)
    {
        Name = name;
        HttpUrl = httpUrl;
        Settings = settings;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    /// <summary>The base address of its HTTP endpoints.</summary>
    public string HttpUrl { get; }

    /// <summary>The environment variables it was configured with.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The operating system's process id (for reading its CPU time under /proc).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines of standard output and error, interleaved as they came.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Whether <c>/health/ready</c> answers 200 now; a process that has exited will never be, and throws with its output.</summary>
    public async Task<bool> IsReadyAsync(HttpClient http)
    {
        if (HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {ExitCode}.{Environment.NewLine}{this}");
        }

        using var response = await http.GetAsync($"{HttpUrl}/health/ready");
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }

    /// <summary>
    /// Starts <paramref name="assemblyPath"/> with <c>dotnet</c>, in its own directory so that it finds its appsettings.json.
    /// With <paramref name="logFile"/>, every line of its output is also written there: <see cref="Output"/> keeps only the
    /// last lines, and a long run (a benchmark) needs all of them to explain what went wrong.
    /// </summary>
    public static HostProcess Start(string name, string assemblyPath, string httpUrl, IReadOnlyDictionary<string, string> environment, string? logFile = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(httpUrl);
        // Plain lines, not the console's colour codes, in the captured output.
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        // Nothing is read before BeginOutputReadLine below, so the file still gets every line.
        var log = logFile is null ? null : new StreamWriter(logFile, append: false) { AutoFlush = true };
        var host = new HostProcess(name, httpUrl, environment, process, log);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Kills the process with SIGKILL: no shutdown code runs, the silo does not say goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM: the host stops in good order (a silo hands its grains over and leaves the cluster) and exits.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>
    /// Sends SIGSTOP: the process freezes mid-instruction, its sockets stay open and nothing of it runs, the way a
    /// long garbage collection, a VM pause or a network partition looks to the rest of the cluster.
    /// </summary>
    public void Pause() => Signal("STOP");

    /// <summary>Sends SIGCONT: a paused process goes on where it stopped, its timers overdue.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>Waits for the process to end on its own.</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    public override string ToString() => $"--- {Name} ({HttpUrl}) ---{Environment.NewLine}{Output}";

    // .NET sends only SIGKILL (Process.Kill); the others go through kill(1), which every Linux has.
    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {Name} (pid {_process.Id}) failed: {error}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log?.WriteLine(line);
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
