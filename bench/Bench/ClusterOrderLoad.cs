using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Bench;

/// <summary>
/// The cluster benchmark's closed loop: each client places one order after another (<c>POST /api/orders</c>, one unit of a
/// random SKU, <c>tok_ok</c>, a fresh <c>Idempotency-Key</c>), the buyers and the two gateways taken in turn. It runs until
/// stopped, and keeps every attempt's outcome with the time it ended on one clock, so that phases (before the kill, during
/// failover, after it) are cut out of one continuous load afterwards rather than started and stopped around the kill.
/// </summary>
/// <remarks>
/// A 5xx, a broken connection or a timeout leaves the client not knowing whether its order exists, so it sends the same
/// request again with the same key through the other gateway, as a careful client would (the key makes the repeat reach
/// the same order), up to <c>attempts</c> times; 4xx answers are final.
/// </remarks>
internal sealed class ClusterOrderLoad(HttpClient[] gateways, IReadOnlyList<string> buyers, IReadOnlyList<string> skus, int clients, int attempts)
{
    private readonly Stopwatch _clock = new();
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private Task[] _workers = [];
    private volatile bool _stopping;
    private int _next = -1;
    private long _retried;

    /// <summary>An order that got its 202: who placed it, on which SKU, and when the 202 arrived.</summary>
    public sealed record Accepted(string OrderId, int Buyer, string Sku, TimeSpan At);

    /// <summary>A phase's accepted orders, their time to the 202 (ms) and its failed attempts by kind.</summary>
    public sealed record PhaseResult(long Accepted, double P50, double P99, double Max, IReadOnlyDictionary<string, long> Errors);

    public ConcurrentQueue<Accepted> Orders { get; } = new();

    /// <summary>The Idempotency-Keys of orders whose every attempt failed: they may or may not have been placed.</summary>
    public ConcurrentQueue<string> GaveUp { get; } = new();

    /// <summary>One example (the problem's body or the exception) of each kind of failed attempt.</summary>
    public ConcurrentDictionary<string, string> ErrorExamples { get; } = new(StringComparer.Ordinal);

    /// <summary>Accepted orders that needed more than one attempt.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>The load's clock: zero when it started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public void Start()
    {
        _clock.Start();
        _workers = [.. Enumerable.Range(0, clients).Select(worker => Task.Run(() => WorkAsync(worker)))];
    }

    /// <summary>Waits until the load's clock reads <paramref name="at"/>.</summary>
    public async Task UntilAsync(TimeSpan at)
    {
        if (at > Now)
        {
            await Task.Delay(at - Now);
        }
    }

    /// <summary>Lets every client finish the order it is on (retries included) and returns the clock then.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
        return Now;
    }

    /// <summary>Orders accepted per second among attempts that ended in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public double Rate(TimeSpan from, TimeSpan to) => Phase(from, to).Accepted / (to - from).TotalSeconds;

    public PhaseResult Phase(TimeSpan from, TimeSpan to)
    {
        var inPhase = _attempts.Where(a => a.At >= from && a.At < to).ToList();
        var accepted = inPhase.Where(a => a.Kind == "202").Select(a => a.Ms).Order().ToArray();
        var errors = inPhase.Where(a => a.Kind != "202").GroupBy(a => a.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal);
        return accepted.Length == 0
            ? new PhaseResult(0, double.NaN, double.NaN, double.NaN, errors)
            : new PhaseResult(accepted.Length, accepted[(int)(0.50 * (accepted.Length - 1))], accepted[(int)Math.Ceiling(0.99 * (accepted.Length - 1))], accepted[^1], errors);
    }

    /// <summary>
    /// The attempts that were in flight at <paramref name="at"/> (started before, ended after): how they ended, and the
    /// longest of them in seconds. A client stuck on one of them places no other order meanwhile, which a closed loop
    /// shows as fewer orders per second, not as an error.
    /// </summary>
    public (IReadOnlyDictionary<string, long> Outcomes, double LongestSeconds, double LastEndedAt) InFlightAt(TimeSpan at)
    {
        var inFlight = _attempts.Where(a => a.Started < at && a.At >= at).ToList();
        return (inFlight.GroupBy(a => a.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal),
            inFlight.Count == 0 ? 0 : inFlight.Max(a => a.Ms) / 1000, inFlight.Count == 0 ? 0 : inFlight.Max(a => a.At.TotalSeconds));
    }

    /// <summary>When the first order on <paramref name="sku"/> after <paramref name="since"/> was accepted, if one was.</summary>
    public TimeSpan? FirstAcceptedAfter(string sku, TimeSpan since) =>
        Orders.Where(o => o.Sku == sku && o.At >= since).Select(o => (TimeSpan?)o.At).Min();

    private async Task WorkAsync(int worker)
    {
        var random = new Random(worker);
        while (!_stopping)
        {
            var turn = Interlocked.Increment(ref _next);
            var buyer = (int)((uint)turn % buyers.Count);
            var gateway = (int)((uint)turn % gateways.Length);
            var sku = skus[random.Next(skus.Count)];
            var key = Guid.NewGuid().ToString("N");
            for (var attempt = 1; ; attempt++)
            {
                var started = _clock.Elapsed;
                var (kind, orderId, detail) = await PlaceAsync(gateways[gateway], buyers[buyer], sku, key);
                var ended = _clock.Elapsed;
                _attempts.Enqueue(new Attempt(started, ended, kind, (ended - started).TotalMilliseconds));
                if (orderId is not null)
                {
                    Orders.Enqueue(new Accepted(orderId, buyer, sku, ended));
                    if (attempt > 1)
                    {
                        Interlocked.Increment(ref _retried);
                    }

                    break;
                }

                ErrorExamples.TryAdd(kind, detail ?? "");
                if (kind.StartsWith('4'))
                {
                    break;
                }

                if (attempt == attempts)
                {
                    GaveUp.Enqueue(key);
                    break;
                }

                gateway = (gateway + 1) % gateways.Length;
                await Task.Delay(200 * attempt);
            }
        }
    }

    private static async Task<(string Kind, string? OrderId, string? Detail)> PlaceAsync(HttpClient gateway, string buyer, string sku, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { items = new[] { new { sku, quantity = 1 } }, paymentToken = "tok_ok" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyer);
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await gateway.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return ("202", body.GetProperty("orderId").GetString(), null);
            }

            var problem = await response.Content.ReadAsStringAsync();
            var kind = (int)response.StatusCode >= 500 ? $"{(int)response.StatusCode}" : $"{(int)response.StatusCode} {Code(problem)}";
            return (kind, null, $"{gateway.BaseAddress} {problem}");
        }
        catch (HttpRequestException exception)
        {
            return ("connection", null, $"{gateway.BaseAddress} {exception.Message}");
        }
        catch (TaskCanceledException exception)
        {
            return ("timeout", null, $"{gateway.BaseAddress} {exception.Message}");
        }
    }

    private static string Code(string problem)
    {
        try
        {
            return JsonDocument.Parse(problem).RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private readonly record struct Attempt(TimeSpan Started, TimeSpan At, string Kind, double Ms);
}
