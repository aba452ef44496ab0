namespace Shop.Grains.Tests.Hosting;

/// <summary>Polls for a condition with a generous deadline instead of asserting on timing.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var giveUpAt = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUpAt)
            {
                Assert.Fail($"Gave up waiting: {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Repeats <paramref name="call"/> until it returns without throwing (for a grain whose silo was just lost).</summary>
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> call, string what, TimeSpan? deadline = null)
    {
        var giveUpAt = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (DateTime.UtcNow <= giveUpAt && exception is not Xunit.Sdk.XunitException)
            {
                await Task.Delay(200);
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
            {
                throw new TimeoutException($"Gave up waiting: {what}.", exception);
            }
        }
    }
}
