using System.Diagnostics;
using System.Globalization;
using Shop.TestKit;

namespace Shop.Bench;

/// <summary>
/// The CPU time child host processes used over an interval, in cores, next to <see cref="CpuMeter"/>'s machine, this
/// process and MariaDB: with five processes on two cores, where the time went says what bounds the throughput. Linux
/// only (/proc); a process that is gone reads as zero.
/// </summary>
internal sealed class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly CpuMeter _meter = new();
    private readonly List<(HostProcess Host, long Ticks)> _start;
    private readonly long _started = Stopwatch.GetTimestamp();

    public ProcessCpu(IEnumerable<HostProcess> hosts) => _start = [.. hosts.Select(h => (h, Ticks(h)))];

    public string Describe()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var hosts = string.Join(", ", _start.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Host.Name} {(Ticks(s.Host) - s.Ticks) / TicksPerSecond / wall:F2}")));
        return $"{_meter.Describe()}; of the others: {hosts}";
    }

    private static long Ticks(HostProcess host)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{host.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime + stime
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0;
        }
    }
}
