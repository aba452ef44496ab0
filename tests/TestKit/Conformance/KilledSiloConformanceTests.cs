namespace Shop.TestKit.Conformance;

/// <summary>
/// Durability across SIGKILL, the same for every provider: whatever a real Orleans silo acknowledged before
/// it was killed is there after a restart, exactly as written, and nothing is counted twice. A provider's
/// test project derives one class and implements <see cref="StartSiloAsync"/>.
/// </summary>
public abstract class KilledSiloConformanceTests
{
    /// <summary>
    /// Starts a child silo (<see cref="ChildSilo.StartSqliteAsync"/> or <see cref="ChildSilo.StartMySqlAsync"/>)
    /// on the provider under test, on the same database every time it is called within one test.
    /// </summary>
    protected abstract Task<ChildSilo> StartSiloAsync();

    [Fact]
    public async Task Writes_acknowledged_before_SIGKILL_are_read_back_after_restart()
    {
        var key = $"killed-{Guid.NewGuid():N}";
        var silo = await StartSiloAsync();
        var acknowledged = new List<(string Key, string Text)>();
        for (var i = 0; i < 20; i++)
        {
            var text = $"version {i} — 버전 {i} ✓";
            await silo.SendAsync("write", $"{key}-{i % 5} {text}");
            acknowledged.Add(($"{key}-{i % 5}", text));
        }

        silo.Kill();
        await using var restarted = await StartSiloAsync();

        foreach (var group in acknowledged.GroupBy(a => a.Key))
        {
            Assert.Equal(group.Last().Text, await restarted.SendAsync("read", group.Key));
        }
    }

    [Fact]
    public async Task A_burst_killed_midway_keeps_every_acknowledged_write()
    {
        var key = $"burst-{Guid.NewGuid():N}";
        var silo = await StartSiloAsync();
        var writes = Enumerable.Range(0, 200).Select(i => (Key: $"{key}-{i}", Task: silo.SendAsync("write", $"{key}-{i} value-{i}"))).ToList();

        // Kill as soon as some writes are acknowledged, while others are (most likely) still in flight.
        while (writes.Count(w => w.Task.IsCompletedSuccessfully) < 20 && writes.Any(w => !w.Task.IsCompleted))
        {
            await Task.WhenAny(writes.Where(w => !w.Task.IsCompleted).Select(w => w.Task));
        }

        if (writes.FirstOrDefault(w => w.Task.IsFaulted) is { Task.Exception: { } failure })
        {
            Assert.Fail($"A write failed before the kill: {failure.InnerException?.Message}");
        }

        silo.Kill();
        var acknowledged = writes.Where(w => w.Task.IsCompletedSuccessfully).ToList();
        await using var restarted = await StartSiloAsync();

        Assert.NotEmpty(acknowledged);
        foreach (var (k, _) in acknowledged)
        {
            Assert.Equal($"value-{k[(key.Length + 1)..]}", await restarted.SendAsync("read", k));
        }

        // Writes that were not acknowledged may or may not have been stored, but only whole.
        foreach (var (k, _) in writes.Except(acknowledged))
        {
            Assert.Contains(await restarted.SendAsync("read", k), new[] { "<none>", $"value-{k[(key.Length + 1)..]}" });
        }
    }

    [Fact]
    public async Task Reservations_acknowledged_before_SIGKILL_survive_and_retries_never_count_twice()
    {
        var sku = $"KILL-{Guid.NewGuid():N}";
        var silo = await StartSiloAsync();
        await silo.SendAsync("stock", $"{sku} 100000");
        var orders = Enumerable.Range(0, 2000).Select(i => $"{sku}-o{i}").ToList();
        var attempts = orders.Select(o => (Order: o, Task: silo.SendAsync("reserve", $"{sku} {o}"))).ToList();
        while (attempts.Count(a => a.Task.IsCompletedSuccessfully) < 200 && attempts.Any(a => !a.Task.IsCompleted))
        {
            await Task.WhenAny(attempts.Where(a => !a.Task.IsCompleted).Select(a => a.Task));
        }

        silo.Kill();
        var acknowledged = attempts.Where(a => a.Task.IsCompletedSuccessfully).Select(a => a.Order).ToHashSet();
        Assert.All(attempts.Where(a => a.Task.IsCompletedSuccessfully), a => Assert.Equal("Reserved False", a.Task.Result));
        await using var restarted = await StartSiloAsync();

        // Every client retries every order it sent: acknowledged ones must come back as repeats.
        var retries = await Task.WhenAll(orders.Select(async o => (Order: o, Answer: await restarted.SendAsync("reserve", $"{sku} {o}"))));

        Assert.All(retries.Where(r => acknowledged.Contains(r.Order)), r => Assert.Equal("Reserved True", r.Answer));
        Assert.All(retries, r => Assert.StartsWith("Reserved", r.Answer));
        Assert.Equal($"reserved={orders.Count} insync=True", await restarted.SendAsync("sku", sku));
    }
}
