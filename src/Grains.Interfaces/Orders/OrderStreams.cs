namespace Shop.Grains.Interfaces.Orders;

/// <summary>The stream namespaces of the order saga (each a Kafka topic when streams run on Kafka), one stream per order (key: the order id).</summary>
public static class OrderStreams
{
    /// <summary>Every order's journal events (<see cref="OrderEvent"/>): what payment and the order lists react to.</summary>
    public const string Orders = "orders";

    /// <summary>Every payment's journal events (<see cref="Payments.PaymentEvent"/>): what the order reacts to.</summary>
    public const string Payments = "payments";
}
