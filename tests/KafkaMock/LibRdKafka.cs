using System.Reflection;
using System.Runtime.InteropServices;

namespace Shop.KafkaMock;

/// <summary>
/// The few librdkafka functions that start its built-in mock cluster. They are not wrapped by Confluent.Kafka,
/// so they are bound here, to the very native file Confluent.Kafka itself loaded (see <see cref="LibRdKafkaLocator"/>).
/// </summary>
internal static class LibRdKafka
{
    // A logical name: the resolver installed by EnsureBound maps it to the located file.
    private const string Library = "shop-kafkamock-librdkafka";

    private static readonly Lock Gate = new();
    private static string? _boundPath;

    /// <summary>Installs the import resolver (once per assembly) and returns the native file the functions bind to.</summary>
    public static string EnsureBound()
    {
        lock (Gate)
        {
            if (_boundPath is not null)
            {
                return _boundPath;
            }

            var path = LibRdKafkaLocator.Locate();
            var handle = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, (name, _, _) => name == Library ? handle : IntPtr.Zero);
            _boundPath = path;
            return path;
        }
    }

    public const int RdKafkaProducer = 0;

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_conf_set(
        IntPtr conf,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        byte[] errstr,
        UIntPtr errstrSize);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_conf_destroy(IntPtr conf);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_topic_create(
        IntPtr mcluster,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string topic,
        int partitionCount,
        int replicationFactor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_err2str(int err);

    public static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";

    public static string Text(byte[] errstr)
    {
        var end = Array.IndexOf(errstr, (byte)0);
        return System.Text.Encoding.UTF8.GetString(errstr, 0, end < 0 ? errstr.Length : end);
    }
}
