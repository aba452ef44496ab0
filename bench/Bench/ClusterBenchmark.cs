using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Orleans.Configuration;
using Orleans.Runtime;
using Shop.Grains.Interfaces;
using Shop.Grains.Interfaces.Inventory;
using Shop.KafkaMock;
using Shop.TestKit;

namespace Shop.Bench;

/// <summary>
/// The order flow across a real cluster, and what a silo crash costs it: three <c>src/Silo</c> processes (gateway off)
/// and two <c>src/Gateway</c> processes on one fresh MariaDB database, streams on Kafka (librdkafka's mock broker in this
/// process, reached over TCP) or on the database. Closed-loop clients place orders (<c>tok_ok</c>, one unit of a random
/// SKU, a fresh <c>Idempotency-Key</c> each) round-robin through both gateways: a warm-up, a measured "before" phase, then
/// the silo holding the most SKU grains is SIGKILLed while the load goes on. Failover is the time from the kill until every
/// SKU grain that lived there answers again (polled through an Orleans client of this process); "after" is a phase of the
/// same length that starts once failover is complete. Then the load stops, and every order that got a 202 must end
/// Completed or Cancelled, every SKU must have <c>reserved == 0</c> and <c>stock + sold</c> as created, and the units sold
/// must equal the Completed orders. Anything else is counted as lost.
/// </summary>
/// <remarks>
/// A request that fails with a 5xx, a broken connection or a timeout is what a careful client retries: it is sent again,
/// with the same Idempotency-Key, through the other gateway (up to <see cref="Attempts"/> times). Every failed attempt is
/// counted as an error of the phase it ended in; an order whose attempts all failed may still have been placed, which the
/// check of the orders read model finds (placed orders nobody was told of must settle too).
/// </remarks>
internal static class ClusterBenchmark
{
    private const int Silos = 3;
    private const int Gateways = 2;
    // 48 SKUs: enough that Orleans' placement puts some on every silo, few enough that each is busy.
    private const int Products = 8;
    private const int VariantsPerProduct = 6;
    private const int Buyers = 64;
    private const int DefaultClients = 32;
    // Nothing sells out: the run measures the flow and the crash, not the out-of-stock path.
    private const int Stock = 10_000_000;
    private const int KafkaPartitions = 8;
    private const int Attempts = 4;
    private const string AdminEmail = "admin@cluster-bench.test";
    private const string AdminPassword = "cluster-bench-admin-password";
    private const string BuyerPassword = "cluster-bench-buyer-1";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    // Generous deadlines: they bound a broken cluster, they do not measure a healthy one.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var phase = options.DurationOr(TimeSpan.FromSeconds(20));
        var clients = options.Clients ?? DefaultClients;
        var streams = options.StreamsOr("Kafka");
        var run = Guid.NewGuid().ToString("N")[..8];
        var database = $"shop_test_bench_cluster_{run}";
        var connectionString = await CreateDatabaseAsync(options.MySqlConnectionString, database);
        var work = Path.Combine(Path.GetTempPath(), $"shop-bench-cluster-{run}");
        Directory.CreateDirectory(work);
        var processes = new List<HostProcess>();
        var clusterId = $"bench-cluster-{run}";
        // Kafka: the brokers of SHOP_BENCH_KAFKA (the silos create the topics), or librdkafka's mock broker in this
        // process with the topics made up front (the mock cannot create them through the admin API).
        var external = Environment.GetEnvironmentVariable("SHOP_BENCH_KAFKA") is { Length: > 0 } named ? named : null;
        var prefix = TestKafkaBroker.UniqueTopicPrefix("bench-cluster");
        string? kafka = null;
        IHost? orleans = null;
        var keep = true;
        try
        {
            using var mock = streams != "Kafka" || external is not null ? null
                : KafkaMockCluster.Start(topics: EventStreams.All.ToDictionary(n => prefix + n, _ => KafkaPartitions));
            kafka = streams == "Kafka" ? external ?? mock!.BootstrapServers : null;
            Console.WriteLine(FormattableString.Invariant(
                $"cluster: {await ServerAsync(connectionString)}, database {database}, streams on {streams}{(kafka is null ? "" : $" ({(mock is null ? kafka : "librdkafka mock broker " + kafka)}, topics {prefix}*, {KafkaPartitions} partitions)")}, {Silos} silos, {Gateways} gateways, {clients} clients, {Buyers} buyers, {Products * VariantsPerProduct} SKUs, {phase.TotalSeconds:F0} s per phase"));

            var ports = FreePorts.Take(3 * Silos + Gateways);
            var startClock = Stopwatch.StartNew();
            var silos = Enumerable.Range(0, Silos).Select(i => StartSilo($"silo-{i + 1}", ports[3 * i], ports[3 * i + 1], ports[3 * i + 2])).ToList();
            var gateways = Enumerable.Range(0, Gateways).Select(i => StartGateway($"gateway-{i + 1}", ports[3 * Silos + i])).ToList();
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            foreach (var host in processes)
            {
                await Eventually.HoldsAsync($"{host.Name} is ready", StartDeadline, () => host.IsReadyAsync(probe), Diagnostics);
            }

            orleans = await MySqlClusterClient.StartAsync(connectionString, clusterId);
            var grains = orleans.Services.GetRequiredService<IClusterClient>();
            var management = grains.GetGrain<IManagementGrain>(0);
            await Eventually.HoldsAsync($"{Silos} silos are Active", StartDeadline, async () => (await management.GetHosts(onlyActive: true)).Count == Silos, Diagnostics);
            var addresses = new Dictionary<SiloAddress, HostProcess>();
            foreach (var silo in silos)
            {
                addresses[await management.AddressOfAsync(silo)] = silo;
            }

            Console.WriteLine(FormattableString.Invariant($"cluster: {Silos} silos and {Gateways} gateways ready and the silos Active {startClock.Elapsed.TotalSeconds:F1} s after start (logs in {work})"));

            var http = gateways.Select(g => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 })
            {
                BaseAddress = new Uri(g.HttpUrl),
                // Longer than any wait inside the cluster (Orleans' 30 s response timeout), so a slow answer is seen as slow, not as a failure of ours.
                Timeout = TimeSpan.FromSeconds(60),
            }).ToArray();
            var setupClock = Stopwatch.StartNew();
            var admin = await TokenAsync(http[0], AdminEmail, AdminPassword);
            var skus = await CreateProductsAsync(http[0], admin, run);
            var buyers = await RegisterBuyersAsync(http);
            Console.WriteLine(FormattableString.Invariant($"cluster: {Products} products with {skus.Count} SKUs (stock {Stock:N0} each) and {buyers.Count} buyers created in {setupClock.Elapsed.TotalSeconds:F1} s"));

            var load = new ClusterOrderLoad(http, buyers, skus, clients, Attempts);
            load.Start();
            await load.UntilAsync(WarmUp);
            var before = (From: load.Now, To: load.Now + phase);
            var cpuBefore = new ProcessCpu(processes);
            await load.UntilAsync(before.To);
            var cpuBeforeLine = cpuBefore.Describe();
            before.To = load.Now;

            // The victim: the silo that holds the most SKU grains now (placement is Orleans' choice, not ours).
            var placement = await management.PlacementAsync("sku");
            var bySilo = addresses.Keys.ToDictionary(a => a, a => placement.Where(p => p.Value.Equals(a)).Select(p => p.Key).ToList());
            var victimAddress = bySilo.MaxBy(s => s.Value.Count).Key;
            var victim = addresses[victimAddress];
            var victimSkus = bySilo[victimAddress];
            Console.WriteLine($"cluster: SKU grains per silo before the kill: {string.Join(", ", bySilo.Select(s => $"{addresses[s.Key].Name} {s.Value.Count}"))}{(placement.Count < skus.Count ? $" ({skus.Count - placement.Count} not active)" : "")}");

            // SIGKILL: no shutdown, no goodbye to the membership table.
            var killAt = load.Now;
            victim.Kill();
            Console.WriteLine(FormattableString.Invariant($"cluster: {victim.Name} ({victimAddress}) killed at {killAt.TotalSeconds:F1} s of load, with {victimSkus.Count} SKU grains"));
            var declaredDead = MeasureAsync(load, killAt, async () => !(await management.GetHosts(onlyActive: true)).ContainsKey(victimAddress));
            var answered = await Task.WhenAll(victimSkus.Select(sku => MeasureAsync(load, killAt, async () =>
            {
                // Any answer counts: the grain was activated again on a survivor (what it says is checked at the end).
                await grains.GetGrain<ISkuGrain>(sku).GetViewAsync().WaitAsync(TimeSpan.FromSeconds(2));
                return true;
            })));
            var dead = await declaredDead;
            var failedOver = answered.All(a => a is not null);
            var failover = failedOver ? answered.Max(a => a!.Value) : (load.Now - killAt).TotalSeconds;
            var after = (From: killAt + TimeSpan.FromSeconds(failover), To: killAt + TimeSpan.FromSeconds(failover) + phase);
            var cpuAfter = new ProcessCpu(processes.Where(p => p != victim));
            await load.UntilAsync(after.To);
            var cpuAfterLine = cpuAfter.Describe();
            after.To = load.Now;
            var loadStopped = await load.StopAsync();

            Console.WriteLine(FormattableString.Invariant(
                $"cluster: {victim.Name} declared dead (as a poll of the membership sees it) {(dead is { } d ? $"{d:F1} s" : "never")} after the kill; {answered.Count(a => a is not null)} of its {victimSkus.Count} SKU grains answered again, the last {failover:F1} s after the kill (median {Median(answered.Where(a => a is not null).Select(a => a!.Value)):F1} s)"));
            var firstOrders = victimSkus.Select(s => load.FirstAcceptedAfter(s, killAt)).ToList();
            Console.WriteLine(firstOrders.All(f => f is not null)
                ? FormattableString.Invariant($"cluster: an order on each of those SKUs was accepted again at most {firstOrders.Max(f => (f!.Value - killAt).TotalSeconds):F1} s after the kill")
                : $"cluster: {firstOrders.Count(f => f is null)} of those SKUs took no order after the kill");

            PrintPhase("before", load, before.From, before.To, cpuBeforeLine);
            PrintPhase("kill to failover", load, killAt, after.From, null);
            PrintPhase("after", load, after.From, after.To, cpuAfterLine);
            PrintPhase("kill to end", load, killAt, after.To, null);
            PrintPhase("stopping", load, after.To, loadStopped, null);
            var (inFlight, longest, lastEnded) = load.InFlightAt(killAt);
            Console.WriteLine(FormattableString.Invariant(
                $"cluster: {inFlight.Values.Sum()} attempts in flight at the kill ended {string.Join(", ", inFlight.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value} {e.Key}"))}; the longest took {longest:F1} s, the last ended at {lastEnded:F1} s of load"));
            Console.WriteLine(FormattableString.Invariant(
                $"cluster: load stopped {loadStopped.TotalSeconds:F1} s into the run; {load.Orders.Count:N0} orders accepted in all, {load.Retried:N0} of them after a retry, {load.GaveUp.Count:N0} orders given up after {Attempts} failed attempts"));
            foreach (var (kind, example) in load.ErrorExamples.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"cluster: error {kind}, e.g. {example}");
            }

            // Every accepted order must settle, every SKU must balance.
            var lost = await CheckAsync(http, buyers, load, skus, admin, connectionString);
            keep = lost > 0 || !failedOver;
            Console.WriteLine(FormattableString.Invariant(
                $"cluster: before {load.Rate(before.From, before.To):F0}/s, after {load.Rate(after.From, after.To):F0}/s, failover {(failedOver ? failover.ToString("F1", CultureInfo.InvariantCulture) : "none")} s, lost {lost}"));
            return lost == 0 && failedOver ? 0 : 1;
        }
        catch (Exception)
        {
            Console.WriteLine(Diagnostics());
            throw;
        }
        finally
        {
            if (orleans is not null)
            {
                await orleans.StopQuietlyAsync();
            }

            processes.ForEach(p => p.Dispose());
            // The process logs stay (they are small, and explain a run after the fact); the database only when something is wrong.
            if (keep)
            {
                Console.WriteLine($"cluster: kept for inspection: the database {database} and the process logs in {work}");
            }
            else
            {
                MySqlConnection.ClearAllPools();
                await DropDatabaseAsync(options.MySqlConnectionString, database);
                Console.WriteLine($"cluster: process logs in {work}");
            }
        }

        HostProcess StartSilo(string name, int siloPort, int gatewayPort, int httpPort)
        {
            var environment = Shared();
            environment["Shop__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
            environment["Shop__Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
            environment["Shop__DataDirectory"] = Path.Combine(work, name);
            // The two gateway processes serve the API; the silos serve health only.
            environment["Shop__Gateway__Enabled"] = "false";
            environment["Shop__Admin__Email"] = AdminEmail;
            environment["Shop__Admin__Password"] = AdminPassword;
            // Registration is setup, not what is measured: the lowest iteration count the silo accepts.
            environment["Shop__Users__PasswordIterations"] = "100000";
            return Start(name, BuiltHost.Silo, httpPort, environment);
        }

        HostProcess StartGateway(string name, int httpPort)
        {
            var environment = Shared();
            // The clients place far more orders per buyer and minute than a person would.
            environment["Shop__Gateway__OrdersPerMinute"] = "1000000";
            return Start(name, BuiltHost.Gateway, httpPort, environment);
        }

        HostProcess Start(string name, string assembly, int httpPort, Dictionary<string, string> environment)
        {
            var host = HostProcess.Start(name, assembly, $"http://127.0.0.1:{httpPort}", environment, Path.Combine(work, name + ".log"));
            processes.Add(host);
            return host;
        }

        Dictionary<string, string> Shared()
        {
            var environment = new Dictionary<string, string>
            {
                ["Shop__Storage__Provider"] = "MySql",
                ["Shop__Storage__ConnectionString"] = connectionString,
                ["Shop__Cluster__ClusterId"] = clusterId,
                ["Shop__Streams__Provider"] = streams,
            };
            if (kafka is not null)
            {
                environment["Shop__Streams__Kafka__BootstrapServers"] = kafka;
                // A prefix of this run's own, so that runs sharing a real broker never meet.
                environment["Shop__Streams__Kafka__TopicPrefix"] = prefix;
                environment["Shop__Streams__Kafka__Partitions"] = KafkaPartitions.ToString(CultureInfo.InvariantCulture);
                environment["Shop__Streams__Kafka__CreateTopics"] = external is null ? "false" : "true";
            }

            return environment;
        }

        string Diagnostics() => string.Join(Environment.NewLine, processes.Select(p => p.ToString()));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; the seconds from <paramref name="since"/> on the load's clock, or null by the deadline.</summary>
    private static async Task<double?> MeasureAsync(ClusterOrderLoad load, TimeSpan since, Func<Task<bool>> condition)
    {
        while (load.Now - since < FailoverDeadline)
        {
            try
            {
                if (await condition())
                {
                    return (load.Now - since).TotalSeconds;
                }
            }
            catch (Exception)
            {
                // The dead silo's grains fail or time out until the cluster has moved on: that is what is measured.
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static void PrintPhase(string name, ClusterOrderLoad load, TimeSpan from, TimeSpan to, string? cpu)
    {
        var phase = load.Phase(from, to);
        var errors = phase.Errors.Count == 0 ? "none" : string.Join(", ", phase.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value:N0} {e.Key}"));
        Console.WriteLine(FormattableString.Invariant(
            $"cluster {name}: {from.TotalSeconds:F1}-{to.TotalSeconds:F1} s, {phase.Accepted:N0} accepted, {phase.Accepted / (to - from).TotalSeconds:F0}/s, time to 202 p50 {phase.P50:F1} ms, p99 {phase.P99:F1} ms, max {phase.Max:F0} ms; failed attempts: {errors}"));
        if (cpu is not null)
        {
            Console.WriteLine($"cluster {name}: {cpu}");
        }
    }

    /// <summary>
    /// After the load: every accepted order settles (Completed or Cancelled, asked of the order itself through a gateway),
    /// every SKU has nothing reserved and <c>stock + sold</c> as created, and the units sold are the Completed orders of the
    /// orders read model (one unit each). Returns what is lost: unsettled accepted orders, SKUs that do not balance, and
    /// units sold that no Completed order accounts for (or the reverse).
    /// </summary>
    private static async Task<long> CheckAsync(HttpClient[] http, IReadOnlyList<string> buyers, ClusterOrderLoad load, IReadOnlyList<string> skus, string admin, string connectionString)
    {
        var clock = Stopwatch.StartNew();
        var accepted = load.Orders.ToList();
        var ids = accepted.Select(o => o.OrderId).ToHashSet(StringComparer.Ordinal);

        // The read model first: one query a second instead of thousands of requests while the sagas finish.
        Dictionary<string, string> rows = [];
        while (clock.Elapsed < SettleDeadline)
        {
            rows = await PlacedOrdersAsync(connectionString);
            if (ids.All(id => rows.TryGetValue(id, out var status) && Settled(status)) && rows.Values.All(Settled))
            {
                break;
            }

            await Task.Delay(1000);
        }

        var readModelSettled = clock.Elapsed;

        // Then each accepted order, asked of the order grain through a gateway with its buyer's token.
        var statuses = new ConcurrentDictionary<string, (string Status, string Body)>(StringComparer.Ordinal);
        var pending = accepted;
        while (true)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, _) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{order.OrderId}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyers[order.Buyer]);
                try
                {
                    using var response = await http[order.Buyer % http.Length].SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    statuses[order.OrderId] = response.StatusCode == HttpStatusCode.OK
                        ? (JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!, body)
                        : (((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body);
                }
                catch (HttpRequestException exception)
                {
                    statuses[order.OrderId] = ("unreachable", exception.Message);
                }
            });
            pending = [.. pending.Where(o => !Settled(statuses[o.OrderId].Status))];
            if (pending.Count == 0 || clock.Elapsed > SettleDeadline)
            {
                break;
            }

            await Task.Delay(1000);
        }

        var byStatus = accepted.GroupBy(o => statuses[o.OrderId].Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count():N0}");
        Console.WriteLine(FormattableString.Invariant(
            $"cluster: {accepted.Count - pending.Count:N0} of {accepted.Count:N0} accepted orders settled (the read model had them all {readModelSettled.TotalSeconds:F1} s after the load stopped, every order answered {clock.Elapsed.TotalSeconds:F1} s after it): {string.Join(", ", byStatus)}"));
        // How long the sagas took, from each order's own history: the ones the kill caught show what recovery waited for.
        var durations = accepted.Where(o => Settled(statuses[o.OrderId].Status))
            .Select(o => (Order: o, History: JsonDocument.Parse(statuses[o.OrderId].Body).RootElement))
            .Select(o => (o.Order, o.History, Seconds: (o.History.GetProperty("updatedAt").GetDateTimeOffset() - o.History.GetProperty("createdAt").GetDateTimeOffset()).TotalSeconds))
            .OrderByDescending(o => o.Seconds)
            .ToList();
        if (durations.Count > 0)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"cluster: placement to settlement: median {durations[durations.Count / 2].Seconds:F1} s, {durations.Count(d => d.Seconds > 5):N0} orders over 5 s, the longest {durations[0].Seconds:F1} s"));
            foreach (var (order, history, seconds) in durations.Take(3).Where(d => d.Seconds > 5))
            {
                var created = history.GetProperty("createdAt").GetDateTimeOffset();
                var steps = history.GetProperty("history").EnumerateArray().Select(h => FormattableString.Invariant($"{h.GetProperty("step").GetString()} +{(h.GetProperty("at").GetDateTimeOffset() - created).TotalSeconds:F1}"));
                Console.WriteLine(FormattableString.Invariant($"cluster:   order {order.OrderId} (accepted at {order.At.TotalSeconds:F1} s of load) took {seconds:F1} s: {string.Join(", ", steps)}"));
            }
        }

        foreach (var order in pending.Take(20))
        {
            var (status, body) = statuses[order.OrderId];
            Console.WriteLine(FormattableString.Invariant(
                $"cluster: NOT SETTLED order {order.OrderId} (SKU {order.Sku}, accepted at {order.At.TotalSeconds:F1} s of load, read model: {rows.GetValueOrDefault(order.OrderId) ?? "no row"}): {status} {body}"));
        }

        rows = await PlacedOrdersAsync(connectionString);
        var unknown = rows.Where(r => !ids.Contains(r.Key)).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"cluster: read model: {rows.Count:N0} placed orders, {unknown.Count:N0} of them placed without a 202 reaching the client{(unknown.Count == 0 ? "" : ": " + string.Join(", ", unknown.GroupBy(u => u.Value).Select(g => $"{g.Key} {g.Count()}")))}; {load.GaveUp.Count:N0} orders were given up by the clients"));

        // Inventory: releases and confirms may still be on their way; reserved must come down to zero by the deadline.
        var views = new ConcurrentDictionary<string, JsonElement>(StringComparer.Ordinal);
        var inventoryClock = Stopwatch.StartNew();
        while (true)
        {
            await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (sku, _) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/inventory/{sku}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                using var response = await http[0].SendAsync(request);
                views[sku] = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).Clone();
            });
            if (views.Values.All(v => v.GetProperty("reserved").GetInt64() == 0) || inventoryClock.Elapsed > TimeSpan.FromSeconds(60))
            {
                break;
            }

            await Task.Delay(1000);
        }

        var unbalanced = skus.Where(s => views[s].GetProperty("reserved").GetInt64() != 0 || views[s].GetProperty("stock").GetInt64() + views[s].GetProperty("sold").GetInt64() != Stock).ToList();
        foreach (var sku in unbalanced)
        {
            Console.WriteLine($"cluster: UNBALANCED SKU {views[sku]}");
        }

        var sold = skus.Sum(s => views[s].GetProperty("sold").GetInt64());
        var completed = rows.Values.LongCount(s => s == "Completed");
        Console.WriteLine(FormattableString.Invariant(
            $"cluster: inventory of {skus.Count} SKUs: {skus.Count - unbalanced.Count} with reserved 0 and stock + sold = {Stock:N0}; {sold:N0} units sold, {completed:N0} Completed orders in the read model"));
        // Dead letters lose no order by themselves (a later event or the saga supervisor may repair what they missed), but an
        // operator must look at each: they are reported, not counted as lost.
        using var deadLettersRequest = new HttpRequestMessage(HttpMethod.Get, "/api/admin/dead-letters");
        deadLettersRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var deadLettersResponse = await http[0].SendAsync(deadLettersRequest);
        var deadLetters = (await Succeeded(deadLettersResponse).ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"cluster: {deadLetters.Count} dead letters{(deadLetters.Count == 0 ? "" : ": " + string.Join(", ", deadLetters.GroupBy(d => $"{d.GetProperty("stream").GetString()?.Split('/')[0]} {d.GetProperty("eventType").GetString()}").Select(g => $"{g.Count()} {g.Key}")))}"));
        foreach (var letter in deadLetters.Take(3))
        {
            var error = letter.GetProperty("error").GetString() ?? "";
            Console.WriteLine($"cluster:   dead letter {letter.GetProperty("stream").GetString()} {letter.GetProperty("eventType").GetString()}, {letter.GetProperty("attempts")} attempts: {error[..Math.Min(error.Length, 240)]}");
        }

        var lost = pending.Count + unbalanced.Count + Math.Abs(sold - completed);
        Console.WriteLine(FormattableString.Invariant(
            $"cluster: lost {lost} = {pending.Count} accepted orders not settled + {unbalanced.Count} SKUs not balanced + {Math.Abs(sold - completed)} units sold without a Completed order or the reverse"));
        return lost;

        static bool Settled(string status) => status is "Completed" or "Cancelled";
    }

    private static async Task<Dictionary<string, string>> PlacedOrdersAsync(string connectionString)
    {
        // A pool of its own: the checks must not wait behind (or take) the cluster's connections.
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { ApplicationName = "cluster-bench", MaximumPoolSize = 2 }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT order_id, status FROM order_summaries WHERE placed = 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }

    private static async Task<string> CreateDatabaseAsync(string connectionString, string database)
    {
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new MySqlCommand($"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new MySqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string connectionString, string database)
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> ServerAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT CONCAT(VERSION(), ', innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit)", connection);
        return $"MariaDB {await command.ExecuteScalarAsync()}";
    }

    private static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        return (await Succeeded(response).ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signed-in buyers (their bearer tokens), registered through both gateways in turn.</summary>
    private static async Task<List<string>> RegisterBuyersAsync(HttpClient[] http)
    {
        var tokens = new string[Buyers];
        await Parallel.ForEachAsync(Enumerable.Range(0, Buyers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var gateway = http[i % http.Length];
            var email = $"buyer-{i}-{Guid.NewGuid():N}@cluster-bench.test";
            using var registered = await gateway.PostAsJsonAsync("/api/users", new { email, password = BuyerPassword, name = $"Buyer {i}" });
            await Succeeded(registered).LoadIntoBufferAsync();
            tokens[i] = await TokenAsync(gateway, email, BuyerPassword);
        });
        return [.. tokens];
    }

    private static async Task<List<string>> CreateProductsAsync(HttpClient http, string admin, string run)
    {
        using var category = new HttpRequestMessage(HttpMethod.Post, "/api/admin/categories") { Content = JsonContent.Create(new { name = $"Cluster bench {run}" }) };
        category.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var created = await http.SendAsync(category);
        var categoryId = (await Succeeded(created).ReadFromJsonAsync<JsonElement>()).GetProperty("categoryId").GetInt32();
        var skus = new List<string>();
        for (var p = 0; p < Products; p++)
        {
            var variants = Enumerable.Range(0, VariantsPerProduct).Select(v => $"CL-{run}-{p}-{v}".ToUpperInvariant()).ToList();
            using var product = new HttpRequestMessage(HttpMethod.Post, "/api/admin/products")
            {
                Content = JsonContent.Create(new
                {
                    title = $"클러스터 운동화 {p}",
                    brand = "Bench",
                    categoryIds = new[] { categoryId },
                    primaryCategoryId = categoryId,
                    variants = variants.Select(sku => new { sku, price = new { amount = 129_000, currency = "KRW" }, initialStock = Stock }).ToArray(),
                }),
            };
            product.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await http.SendAsync(product);
            _ = Succeeded(response);
            skus.AddRange(variants);
        }

        return skus;
    }

    /// <summary>The response's content when it succeeded; otherwise an exception that shows the problem the gateway answered.</summary>
    private static HttpContent Succeeded(HttpResponseMessage response) =>
        response.IsSuccessStatusCode
            ? response.Content
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
