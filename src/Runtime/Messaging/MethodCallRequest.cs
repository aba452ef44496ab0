namespace Shop.Runtime.Messaging;

/// <summary>A call of a grain interface method.</summary>
internal sealed class MethodCallRequest(GrainMethod method, object?[] arguments, bool interleave, long deadlineTimestamp)
    : GrainRequest(interleave, keepAlive: true, deadlineTimestamp)
{
    public GrainMethod Method { get; } = method;

    public override string Name => Method.Name;

    public override Task<object?> InvokeAsync(object grain, CancellationToken cancellationToken) =>
        Method.InvokeAsync(grain, arguments);
}
