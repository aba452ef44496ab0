namespace Shop.Grains.Interfaces.Orders;

/// <summary>
/// One order (key: the order id) and the saga that settles it: reserve, then wait for the payment, then confirm the
/// stock (Completed) or release it (Cancelled); a refund returns it (Refunded). Each step is committed with its event
/// before the next begins, and a step interrupted by a crash is resumed by <see cref="ResumeAsync"/>.
/// </summary>
[Alias("shop.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks the buyer, reserves every line (all or none) and commits the order as Pending with its
    /// <see cref="OrderEventKind.Placed"/> event; answers once that is durable. Throws <see cref="OrderRefusedException"/>
    /// (nothing reserved), <see cref="InvalidOrderException"/>, <c>UserDormantException</c> or <c>UnknownUserException</c>.
    /// Repeating it for a placed order returns the order as it is now; for an abandoned one it throws <see cref="OrderPlacementAbandonedException"/>.
    /// </summary>
    Task<OrderView> PlaceAsync(PlaceOrder order);

    /// <summary>The order, or null when none was placed under this id.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<OrderView?> GetAsync();

    /// <summary>
    /// The buyer cancels: a Pending order is Cancelled (stock released), a Completed one is refunded (Refunded once the
    /// payment is back and the stock returned). Cancelling a cancelled or refunded order changes nothing. Throws
    /// <see cref="OrderNotFoundException"/>.
    /// </summary>
    Task<OrderView> CancelAsync();

    /// <summary>
    /// Finishes whatever step is due: an interrupted placement is abandoned, a paid or failed order settles its stock, a
    /// Pending order past its payment hold is cancelled, an unanswered payment is reminded. Safe to call at any time and
    /// any number of times; the saga supervisor calls it for orders whose <see cref="OrderView.NextCheckAt"/> has passed.
    /// </summary>
    Task ResumeAsync();
}
