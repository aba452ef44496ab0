using Microsoft.Extensions.Logging;

namespace Shop.Gateway.Hosting;

/// <summary>
/// Keeps the gateway process trying to reach the cluster until it is stopped. Orleans' default gives up after
/// about 20 seconds and fails the host, but a gateway may well start before any silo (or while they all restart);
/// it then stays live and unready rather than crash-looping.
/// </summary>
internal sealed class KeepTryingConnectionFilter(ILogger<KeepTryingConnectionFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        GatewayLog.ConnectRetrying(logger, exception, Interlocked.Increment(ref _attempts), Delay);
        try
        {
            await Task.Delay(Delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
