using System.Diagnostics;
using System.Globalization;

namespace Shop.Bench;

/// <summary>
/// Where the machine's CPU went over an interval: this process, the MariaDB server, everything else
/// (the other sessions' builds and tests), and this process's garbage collections. Linux only (/proc);
/// elsewhere the numbers read as zero.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly TimeSpan _processCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly (long Busy, long Total) _machine = ReadMachine();
    private readonly long _database = ReadDatabaseTicks();
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _gcPause = GC.GetTotalPauseDuration();
    private readonly long _started = Stopwatch.GetTimestamp();

    public string Describe()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var process = (Process.GetCurrentProcess().TotalProcessorTime - _processCpu).TotalSeconds / wall;
        var machineNow = ReadMachine();
        var total = machineNow.Total - _machine.Total;
        var machineBusy = total == 0 ? 0 : (double)(machineNow.Busy - _machine.Busy) / total * Environment.ProcessorCount;
        var database = (ReadDatabaseTicks() - _database) / TicksPerSecond / wall;
        var pause = (GC.GetTotalPauseDuration() - _gcPause).TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU in cores of {Environment.ProcessorCount}: machine {machineBusy:F2}, this process {process:F2}, mariadbd {database:F2}, others {Math.Max(0, machineBusy - process - database):F2}; " +
            $"GC gen0/1/2 {GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]}, paused {pause:F0} ms ({pause / 10 / wall:F1}% of the time)");
    }

    private static (long Busy, long Total) ReadMachine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4]; // idle + iowait
            var total = fields.Take(8).Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    private static long ReadDatabaseTicks()
    {
        try
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                var comm = Path.Combine(directory, "comm");
                if (!File.Exists(comm) || File.ReadAllText(comm).Trim() is not ("mariadbd" or "mysqld"))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime + stime
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
