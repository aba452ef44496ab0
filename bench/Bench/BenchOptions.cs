using System.Globalization;

namespace Shop.Bench;

/// <summary>Command-line options shared by the benchmarks.</summary>
internal sealed record BenchOptions(TimeSpan Duration, string MySqlConnectionString)
{
    /// <summary>The database scripts/test.sh creates; benchmarks use it unless told otherwise.</summary>
    public const string DefaultMySql = "Server=127.0.0.1;Port=3306;User ID=shop_test;Password=shop_test;Database=shop_test;SslMode=None";

    public static BenchOptions Parse(string[] args)
    {
        var seconds = 5.0;
        var mysql = Environment.GetEnvironmentVariable("SHOP_BENCH_MYSQL") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultMySql;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--mysql":
                    mysql = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return new BenchOptions(TimeSpan.FromSeconds(seconds), mysql);
    }
}
