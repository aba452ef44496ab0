using System.Security.Cryptography;
using System.Text;
using Shop.Grains.Interfaces.Orders;

namespace Shop.Grains.Orders;

/// <summary>
/// One buyer's idempotency key. The order id is chosen and stored before the order is placed, so a repeat after any
/// crash reaches the same order, which finishes or abandons its own placement; the key never places two orders.
/// </summary>
[GrainType("order-placement")]
public sealed class OrderPlacementGrain([PersistentState("order-placement")] IPersistentState<OrderPlacementState> placement)
    : Grain, IOrderPlacementGrain
{
    public async Task<OrderView> PlaceAsync(PlaceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var fingerprint = Fingerprint(order);
        if (placement.State.OrderId is { } placed && placement.State.Fingerprint != fingerprint)
        {
            var key = this.GetPrimaryKeyString();
            throw new IdempotencyKeyReuseException(key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..], placed);
        }

        if (placement.State.OrderId is null)
        {
            await BindNewOrderAsync(fingerprint);
        }

        try
        {
            return await GrainFactory.GetGrain<IOrderGrain>(placement.State.OrderId!).PlaceAsync(order);
        }
        catch (OrderPlacementAbandonedException)
        {
            // The first attempt died before it committed and was undone: nobody was answered for it, so it is placed afresh.
            await BindNewOrderAsync(fingerprint);
            return await GrainFactory.GetGrain<IOrderGrain>(placement.State.OrderId!).PlaceAsync(order);
        }
        catch (Exception e) when (e is OrderRefusedException or InvalidOrderException or Interfaces.Users.UserDormantException or Interfaces.Users.UnknownUserException)
        {
            // A refusal is not remembered: nothing was reserved, and a repeat decides anew.
            await placement.ClearStateAsync();
            throw;
        }
    }

    private async Task BindNewOrderAsync(string fingerprint)
    {
        placement.State = new OrderPlacementState { OrderId = OrderIds.New(), Fingerprint = fingerprint };
        await placement.WriteStateAsync();
    }

    /// <summary>The request as the key must repeat it: its lines in order and its payment token.</summary>
    private static string Fingerprint(PlaceOrder order)
    {
        var canonical = new StringBuilder();
        foreach (var line in order.Lines ?? [])
        {
            canonical.Append(line?.Sku).Append('\u001f').Append(line?.Quantity).Append('\u001e');
        }

        canonical.Append('\u001d').Append(order.PaymentToken);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
