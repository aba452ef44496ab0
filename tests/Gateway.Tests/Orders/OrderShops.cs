using Microsoft.Extensions.DependencyInjection;
using Shop.Gateway.Tests.Hosting;
using Shop.Grains.Payments;
using Shop.KafkaMock;
using Shop.TestKit;

namespace Shop.Gateway.Tests.Orders;

/// <summary>
/// A silo for the order saga tests: payment status checks and retries come quickly (a second, 50 ms), and the payment
/// provider can hold a charge (<see cref="HeldPaymentGateway"/>). Streams are the storage's database queue, or Kafka.
/// </summary>
public class OrderShop : ShopApiFactory
{
    private readonly TestKafkaBroker? _kafka;

    public OrderShop(ShopStorage storage, bool kafka = false, TimeSpan? paymentHold = null, string? dataDirectory = null, MySqlTestDatabase? database = null)
        : base(storage, dataDirectory, database)
    {
        WithSetting("Shop:Payments:FirstStatusCheckAfter", "00:00:01");
        WithSetting("Shop:Payments:FirstRetryDelay", "00:00:00.050");
        WithSetting("Shop:Orders:SupervisorInterval", "00:00:00.500");
        WithSetting("Shop:Orders:ResumeAfter", "00:00:02");
        if (paymentHold is { } hold)
        {
            WithSetting("Shop:Orders:PaymentHold", hold.ToString("c"));
        }

        if (kafka)
        {
            var prefix = TestKafkaBroker.UniqueTopicPrefix();
            _kafka = TestKafkaBroker.Start(Shop.Grains.Interfaces.EventStreams.All.ToDictionary(n => prefix + n, _ => 4));
            WithSetting("Shop:Streams:Provider", "Kafka");
            WithSetting("Shop:Streams:Kafka:BootstrapServers", _kafka.BootstrapServers);
            WithSetting("Shop:Streams:Kafka:Partitions", "4");
            WithSetting("Shop:Streams:Kafka:CreateTopics", "false");
            WithSetting("Shop:Streams:Kafka:TopicPrefix", prefix);
        }

        WithServices(services => services.AddSingleton<IPaymentGateway>(sp => new HeldPaymentGateway(sp.GetRequiredService<IGrainFactory>())));
    }

    public HeldPaymentGateway Payments => (HeldPaymentGateway)Services.GetRequiredService<IPaymentGateway>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _kafka?.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteOrderShop() : OrderShop(ShopStorage.Sqlite);

public sealed class MySqlOrderShop() : OrderShop(ShopStorage.MySql);

public sealed class KafkaOrderShop() : OrderShop(ShopStorage.MySql, kafka: true);
