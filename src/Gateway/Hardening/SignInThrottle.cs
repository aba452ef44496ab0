using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Shop.Gateway.Hardening;

/// <summary>
/// Sign-in attempts per email address (<see cref="GatewayLimits.SignInsPerMinute"/>), right or wrong, so that nobody
/// can try passwords against one account faster than that through one gateway, whatever addresses they come from.
/// </summary>
public sealed class SignInThrottle(IOptions<GatewayLimits> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.SignInsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAttempt(string normalizedEmail)
    {
        using var lease = _limiter.AttemptAcquire(normalizedEmail);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
