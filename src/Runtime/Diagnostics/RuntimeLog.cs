using Microsoft.Extensions.Logging;

namespace Shop.Runtime.Diagnostics;

internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Debug, "Activated {GrainId}")]
    public static partial void Activated(ILogger logger, GrainId grainId);

    [LoggerMessage(2, LogLevel.Error, "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Debug, "Deactivated {GrainId} ({Reason})")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, string reason);

    [LoggerMessage(4, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed")]
    public static partial void DeactivationCallbackFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(5, LogLevel.Warning, "Stale ETag on {GrainId}, deactivating: {Message}")]
    public static partial void InconsistentState(ILogger logger, GrainId grainId, string message);

    [LoggerMessage(6, LogLevel.Warning, "{Request} on {GrainId} failed after publishing {Count} events that were not committed; they are discarded with the turn")]
    public static partial void OutboxDiscarded(ILogger logger, GrainId grainId, string request, int count);

    [LoggerMessage(7, LogLevel.Error, "Timer callback of {GrainId} failed")]
    public static partial void TimerCallbackFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(8, LogLevel.Information, "Collected {Count} idle activations")]
    public static partial void CollectedIdle(ILogger logger, int count);

    [LoggerMessage(9, LogLevel.Information, "Silo started with {GrainTypes} grain types")]
    public static partial void SiloStarted(ILogger logger, int grainTypes);

    [LoggerMessage(10, LogLevel.Information, "Silo stopping: deactivating {Count} activations")]
    public static partial void SiloStopping(ILogger logger, int count);

    [LoggerMessage(12, LogLevel.Warning, "Shutdown timed out with {Count} activations still deactivating")]
    public static partial void ShutdownTimedOut(ILogger logger, int count);

    [LoggerMessage(11, LogLevel.Error, "Activation collection failed")]
    public static partial void CollectionFailed(ILogger logger, Exception exception);
}
