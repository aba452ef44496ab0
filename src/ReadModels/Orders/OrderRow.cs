using System.Globalization;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Orders;

namespace Shop.ReadModels.Orders;

/// <summary>How an order is stored in the orders read model, the same in both stores: times as Unix milliseconds, enums by name.</summary>
internal static class OrderRow
{
    public const string Columns =
        "order_id, user_id, status, step, total_amount, currency, item_count, failure_reason, created_at, updated_at, next_check_at, placed, version";

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static object?[] Values(OrderView order) =>
    [
        order.OrderId,
        order.UserId,
        order.Status.ToString(),
        order.Step.ToString(),
        order.TotalAmount.Amount,
        order.TotalAmount.Currency,
        order.Items.Sum(i => i.Quantity),
        order.FailureReason,
        Ms(order.CreatedAt),
        Ms(order.UpdatedAt),
        order.NextCheckAt is { } next ? Ms(next) : null,
        order.IsPlaced ? 1 : 0,
        order.Version,
    ];

    /// <summary>Reads a row selected as <c>order_id, user_id, status, step, total_amount, currency, item_count, failure_reason, created_at, updated_at</c>.</summary>
    public static OrderSummary Read(System.Data.Common.DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<OrderStatus>(reader.GetString(2)),
        Enum.Parse<SagaStep>(reader.GetString(3)),
        new Money(reader.GetValue(4) is string text ? decimal.Parse(text, CultureInfo.InvariantCulture) : reader.GetDecimal(4), reader.GetString(5)),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        At(reader.GetInt64(8)),
        At(reader.GetInt64(9)));

    public const string SummaryColumns = "order_id, user_id, status, step, total_amount, currency, item_count, failure_reason, created_at, updated_at";

    /// <summary>Placed orders per status; the index <c>order_summaries_by_status (placed, status)</c> answers it alone.</summary>
    public const string CountByStatus = "SELECT status, COUNT(*) FROM order_summaries WHERE placed = 1 GROUP BY status";

    /// <summary>Reads the rows of <see cref="CountByStatus"/> into a count for every status, zero for those without orders.</summary>
    public static async Task<IReadOnlyDictionary<OrderStatus, long>> ReadCountsAsync(System.Data.Common.DbDataReader reader, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<OrderStatus>().ToDictionary(s => s, _ => 0L);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[Enum.Parse<OrderStatus>(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }
}
