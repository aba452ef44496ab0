namespace Shop.Streaming.Tests;

/// <summary>Polls for a condition with a generous deadline instead of asserting on timing.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<Task<string>> describe)
    {
        var giveUpAt = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > giveUpAt)
            {
                Assert.Fail($"Gave up waiting after {Deadline.TotalSeconds:0} s: {await describe()}");
            }

            await Task.Delay(100);
        }
    }
}
