using Microsoft.Extensions.Logging;

namespace Shop.Journaling;

internal static partial class JournalingLog
{
    [LoggerMessage(1, LogLevel.Critical, "Journal of {GrainId} was written by another activation at version {ExpectedVersion}; this activation stops writing and deactivates")]
    public static partial void Fenced(ILogger logger, GrainId grainId, long expectedVersion, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Append to the journal of {GrainId} at version {ExpectedVersion} has an unknown outcome; checking what was stored")]
    public static partial void UnknownOutcome(ILogger logger, GrainId grainId, long expectedVersion, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "A snapshot of {GrainId} could not be serialized; the journal alone still rebuilds the state")]
    public static partial void SnapshotFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(3, LogLevel.Critical, "A journal entry of {GrainId} could not be applied; the activation stops writing and deactivates")]
    public static partial void TransitionFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Events of {GrainId} from version {FromVersion} could not be published; trying again in {Delay}")]
    public static partial void PublishFailed(ILogger logger, GrainId grainId, long fromVersion, TimeSpan delay, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "The outbox sweeper could not wake {GrainId} to publish its events")]
    public static partial void SweepWakeFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "The outbox sweeper could not read the outbox")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Woke {Count} grains whose outbox held events older than {StaleAfter}")]
    public static partial void SweepWoke(ILogger logger, int count, TimeSpan staleAfter);
}
