using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.ReadModels;

/// <summary>
/// The orders' read side: one row per order, as of the newest version the order projection saw. Buyers' order lists,
/// the stuck-saga report, the saga supervisor's due list and the operations page read it; only the projection writes it.
/// Implementations live outside the grains (SQLite in the embedded default, MariaDB in a cluster).
/// </summary>
public interface IOrderReadModel
{
    /// <summary>Stores the order as <paramref name="order"/> shows it, unless the row already holds a newer version.</summary>
    Task UpsertAsync(OrderView order, CancellationToken cancellationToken = default);

    /// <summary>The buyer's placed orders, newest first, one page (1-based) with the total count.</summary>
    Task<OrderPage> ListForUserAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Unsettled orders that have not moved since <paramref name="movedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<OrderSummary>> ListStuckAsync(DateTimeOffset movedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>The ids of orders whose next check is due at <paramref name="now"/>, most overdue first.</summary>
    Task<IReadOnlyList<string>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many placed orders (those a buyer was answered for) stand in each status, every status present (zero when none).
    /// The operations page samples it every few seconds, so it reads an index, never the rows.
    /// </summary>
    Task<IReadOnlyDictionary<OrderStatus, long>> CountByStatusAsync(CancellationToken cancellationToken = default);
}
