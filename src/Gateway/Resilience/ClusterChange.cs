using Shop.Journaling;
using Shop.Streaming;

namespace Shop.Gateway.Resilience;

/// <summary>
/// How a grain call fails while silos come and go: its silo left or was declared dead before answering, the
/// connection to it broke, or the activation it reached had been superseded by another one (fenced by the journal
/// version or the state's ETag). The grain a repeat reaches is the one that owns the state now, on a live silo.
/// </summary>
/// <remarks>
/// Whether the failed call did anything is unknown, so only an operation that is harmless to repeat may be repeated:
/// see <see cref="ClusterChangeFilter"/> for which ones are.
/// </remarks>
public static class ClusterChange
{
    /// <summary>
    /// How long a request keeps repeating before it is answered 503. A silo that vanishes is declared dead within a few
    /// seconds (<c>Shop:Cluster</c>); a silo that stops in good order hands its grains over faster than that.
    /// </summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the gateway's Orleans client waits for a grain's answer (Orleans: 30 s). A request sent through a silo
    /// that then died is never answered nor refused, so it is this timeout that lets it be repeated well within
    /// <see cref="GiveUpAfter"/>; no grain call of the API needs anywhere near as long.
    /// </summary>
    public static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>Whether <paramref name="exception"/> says the cluster changed under the call rather than anything about the request.</summary>
    public static bool Caused(Exception exception) => TransientClusterFailure.Is(exception) || exception is JournalFencedException;

    /// <inheritdoc cref="TransientClusterFailure.Describe"/>
    public static string Describe(Exception exception) => TransientClusterFailure.Describe(exception);

    /// <summary>
    /// Runs <paramref name="operation"/>, and again after a growing pause each time the cluster changed under it, until
    /// it answers or <see cref="GiveUpAfter"/> has passed (then the last failure is thrown). Only for operations that are
    /// harmless to repeat.
    /// </summary>
    public static async Task<T> RepeatAsync<T>(Func<Task<T>> operation, Action<Exception, int> repeating, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when (Caused(e) && TimeProvider.System.GetElapsedTime(started) + pause < GiveUpAfter)
            {
                repeating(e, attempt);
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}
