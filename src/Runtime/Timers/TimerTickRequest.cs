using Shop.Runtime.Messaging;

namespace Shop.Runtime.Timers;

/// <summary>One tick of a grain timer, delivered to its activation like any other request.</summary>
internal sealed class TimerTickRequest(GrainTimer timer, bool interleave, bool keepAlive)
    : GrainRequest(interleave, keepAlive, long.MaxValue)
{
    public override string Name => "timer tick";

    // A tick belongs to the activation that registered the timer.
    public override bool ForwardOnDeactivation => false;

    public override Task<object?> InvokeAsync(object grain, CancellationToken cancellationToken) => timer.InvokeCallbackAsync();
}
