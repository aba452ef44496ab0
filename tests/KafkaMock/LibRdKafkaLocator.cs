using System.Runtime.InteropServices;

namespace Shop.KafkaMock;

/// <summary>
/// Finds the librdkafka file Confluent.Kafka loaded. Binding our own P/Invokes to the same file matters: the
/// librdkafka.redist package ships several Linux builds (the default one needs <c>libsasl2.so.3</c>, absent on a
/// bare Debian 12, where Confluent.Kafka falls back to the <c>centos8</c> build), and a different copy would be
/// a second, independent librdkafka in the process.
/// </summary>
internal static class LibRdKafkaLocator
{
    private static readonly string[] Candidates = ["librdkafka", "centos8-librdkafka", "alpine-librdkafka"];

    public static string Locate()
    {
        // Makes Confluent.Kafka pick and load its native library now (a no-op when it already has).
        _ = Confluent.Kafka.Library.Version;

        if (OperatingSystem.IsLinux() && FindMappedOnLinux() is { } mapped)
        {
            return mapped;
        }

        // Elsewhere (or without /proc): the first candidate the runtime can load the way Confluent.Kafka does,
        // in Confluent.Kafka's own order.
        foreach (var directory in ProbeDirectories())
        {
            foreach (var candidate in Candidates)
            {
                var file = Path.Combine(directory, candidate + NativeSuffix());
                if (File.Exists(file) && NativeLibrary.TryLoad(file, out var handle))
                {
                    NativeLibrary.Free(handle);
                    return file;
                }
            }
        }

        throw new DllNotFoundException(
            "Could not find the librdkafka native library loaded by Confluent.Kafka (looked in /proc/self/maps and under runtimes/*/native).");
    }

    /// <summary>The librdkafka file mapped into this process, as the dynamic loader reports it.</summary>
    private static string? FindMappedOnLinux()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            var name = Path.GetFileName(path);
            if (name.Contains("librdkafka", StringComparison.Ordinal) && name.Contains(".so", StringComparison.Ordinal) && File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static IEnumerable<string> ProbeDirectories()
    {
        var baseDirectory = AppContext.BaseDirectory;
        yield return Path.Combine(baseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        yield return Path.Combine(baseDirectory, "runtimes", $"{os}-{arch}", "native");
        yield return baseDirectory;
    }

    private static string NativeSuffix() =>
        OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
}
