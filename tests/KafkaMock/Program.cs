using Shop.KafkaMock;

// dotnet run --project tests/KafkaMock -- [--brokers 1] [--partitions 8] [--topic shop-events]...
// Prints the bootstrap servers and keeps the mock cluster up until Ctrl+C.
var brokers = 1;
var partitions = 8;
var topics = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--brokers":
            brokers = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--partitions":
            partitions = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--topic":
            topics.Add(Value());
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: Shop.KafkaMock [--brokers N] [--partitions N] [--topic NAME]...");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]} (try --help)");
            return 2;
    }
}

using var mock = KafkaMockCluster.Start(brokers, topics.Distinct().ToDictionary(t => t, _ => partitions));
Console.WriteLine($"BootstrapServers={mock.BootstrapServers}");
foreach (var topic in topics.Distinct())
{
    Console.WriteLine($"topic {topic}: {partitions} partitions");
}

Console.WriteLine("Mock Kafka cluster running; Ctrl+C to stop.");
using var stop = new ManualResetEventSlim();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Set();
};
stop.Wait();
return 0;
