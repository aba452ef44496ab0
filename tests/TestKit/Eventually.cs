using System.Diagnostics;

namespace Shop.TestKit;

/// <summary>Polls for a condition until a generous deadline: no test waits a fixed time for something to happen.</summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns how long the condition took to hold; throws <see cref="TimeoutException"/> with <paramref name="diagnostics"/> otherwise.</summary>
    public static async Task<TimeSpan> HoldsAsync(string what, TimeSpan deadline, Func<Task<bool>> condition, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < deadline)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception exception)
            {
                last = exception;
            }

            await Task.Delay(Pause);
        }

        throw new TimeoutException(
            $"{what}: not so after {deadline.TotalSeconds} s.{Environment.NewLine}Last error: {last}{Environment.NewLine}{diagnostics?.Invoke()}");
    }
}
