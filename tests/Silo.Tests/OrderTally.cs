using System.Collections.Concurrent;
using System.Net;

namespace Shop.Silo.Tests;

/// <summary>
/// Every order a load test sent and what the gateway answered: accepted orders (with who bought what), refusals, and
/// the answers no client should ever get (a 5xx, or no answer at all).
/// </summary>
internal sealed class OrderTally
{
    private readonly ConcurrentBag<AcceptedOrder> _accepted = [];
    private readonly ConcurrentBag<string> _failures = [];
    private readonly ConcurrentDictionary<HttpStatusCode, int> _answers = new();

    public IReadOnlyCollection<AcceptedOrder> Accepted => _accepted;

    /// <summary>5xx answers and requests that got no answer, each with what came back.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public int AcceptedCount => _accepted.Count;

    /// <summary>Sends one order through <paramref name="buyer"/> and records the answer.</summary>
    public async Task PlaceAsync(int buyerIndex, HttpClient buyer, string sku, int quantity, string paymentToken, bool afterTheChange)
    {
        try
        {
            var (status, orderId, body) = await ShopApi.PlaceAsync(buyer, sku, quantity, paymentToken, idempotencyKey: Guid.NewGuid().ToString("N"));
            _answers.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status == HttpStatusCode.Accepted)
            {
                _accepted.Add(new AcceptedOrder(buyerIndex, orderId!, sku, quantity, afterTheChange));
            }
            else if ((int)status >= 500)
            {
                _failures.Add($"{(int)status} from {buyer.BaseAddress}: {body}");
            }
            else if (status is not (HttpStatusCode.Conflict))
            {
                // Out of stock and over the per-user limit are the only refusals a well-formed order can get.
                _failures.Add($"unexpected {(int)status} from {buyer.BaseAddress}: {body}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _failures.Add($"no answer from {buyer.BaseAddress}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Counts of the answers by status, e.g. "202×140 409×80".</summary>
    public string Summary() => string.Join(" ", _answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key}×{a.Value}"));

    public sealed record AcceptedOrder(int Buyer, string OrderId, string Sku, int Quantity, bool AfterTheChange);
}
