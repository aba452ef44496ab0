using System.Globalization;

namespace Shop.Bench;

/// <summary>Command-line options shared by the benchmarks.</summary>
/// <param name="Products">How many products a catalog benchmark loads (<c>--products</c>); null: the benchmark's own default.</param>
/// <param name="Storage">Which store a catalog benchmark runs on (<c>--storage MySql|Sqlite</c>); default MariaDB.</param>
/// <param name="Refill">Whether a benchmark that keeps its data between runs loads it again (<c>--refill</c>).</param>
/// <param name="Streams">The queue behind the streams of a benchmark that hosts the whole silo (<c>--streams Database|Kafka</c>); default the database.</param>
/// <param name="Clients">How many concurrent clients a load benchmark runs (<c>--clients</c>); null: the benchmark's own default.</param>
internal sealed record BenchOptions(TimeSpan Duration, string MySqlConnectionString, int? Products = null, string Storage = "MySql", bool Refill = false, string Streams = "Database", int? Clients = null)
{
    /// <summary>The database scripts/test.sh creates; benchmarks use it unless told otherwise.</summary>
    public const string DefaultMySql = "Server=127.0.0.1;Port=3306;User ID=shop_test;Password=shop_test;Database=shop_test;SslMode=None";

    public bool OnMySql => string.Equals(Storage, "MySql", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <c>--seconds</c> was given; a benchmark whose default is not <see cref="Duration"/>'s 5 s asks <see cref="DurationOr"/>.</summary>
    public bool DurationGiven { get; init; }

    /// <summary><see cref="Duration"/> when <c>--seconds</c> was given, else the benchmark's own default.</summary>
    public TimeSpan DurationOr(TimeSpan fallback) => DurationGiven ? Duration : fallback;

    /// <summary>Whether <c>--streams</c> was given; a benchmark whose default queue is not the database asks <see cref="StreamsOr"/>.</summary>
    public bool StreamsGiven { get; init; }

    /// <summary><see cref="Streams"/> when <c>--streams</c> was given, else the benchmark's own default.</summary>
    public string StreamsOr(string fallback) => StreamsGiven ? Streams : fallback;

    public static BenchOptions Parse(string[] args)
    {
        var seconds = 5.0;
        var secondsGiven = false;
        var mysql = Environment.GetEnvironmentVariable("SHOP_BENCH_MYSQL") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultMySql;
        int? products = null;
        var storage = "MySql";
        var refill = false;
        var streams = "Database";
        var streamsGiven = false;
        int? clients = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    secondsGiven = true;
                    break;
                case "--mysql":
                    mysql = args[++i];
                    break;
                case "--products":
                    products = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                    ArgumentOutOfRangeException.ThrowIfLessThan(products.Value, 1, "--products");
                    break;
                case "--storage":
                    storage = args[++i] switch
                    {
                        var s when s.Equals("MySql", StringComparison.OrdinalIgnoreCase) => "MySql",
                        var s when s.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => "Sqlite",
                        var s => throw new ArgumentException($"--storage {s}: use MySql or Sqlite."),
                    };
                    break;
                case "--refill":
                    refill = true;
                    break;
                case "--streams":
                    streams = args[++i] switch
                    {
                        var s when s.Equals("Database", StringComparison.OrdinalIgnoreCase) => "Database",
                        var s when s.Equals("Kafka", StringComparison.OrdinalIgnoreCase) => "Kafka",
                        var s => throw new ArgumentException($"--streams {s}: use Database or Kafka."),
                    };
                    streamsGiven = true;
                    break;
                case "--clients":
                    clients = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                    ArgumentOutOfRangeException.ThrowIfLessThan(clients.Value, 1, "--clients");
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return new BenchOptions(TimeSpan.FromSeconds(seconds), mysql, products, storage, refill, streams, clients) { DurationGiven = secondsGiven, StreamsGiven = streamsGiven };
    }
}
