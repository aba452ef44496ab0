namespace Shop.Providers.Kafka.Tests;

/// <summary>Waits for a condition by polling, with a generous limit; tests never assert on timing.</summary>
internal static class Wait
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? limit = null)
        => await UntilAsync(() => Task.FromResult(condition()), describe, limit);

    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Limit);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting after {(limit ?? Limit).TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(100);
        }
    }
}
