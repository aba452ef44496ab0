using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Shop.Streaming;

/// <summary>
/// The failures of a grain call that say the cluster changed under it rather than anything about the call: its silo
/// left or was declared dead before answering, the connection to it broke, no answer came in the response timeout,
/// or the activation it reached had been superseded (its state's ETag was stale). The same call later reaches the
/// grain where it lives now.
/// </summary>
public static class TransientClusterFailure
{
    public static bool Is(Exception exception) => exception is
        OrleansMessageRejectionException // includes SiloUnavailableException: the silo left or was declared dead
        or ConnectionFailedException
        or GatewayTooBusyException
        or TimeoutException // no answer in the response timeout: most often a silo that died with the call
        or InconsistentStateException;

    /// <summary>A one-line account for the log: a repeat that then succeeds needs no stack trace.</summary>
    public static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message.Split('\n', 2)[0].Trim()}";
}
