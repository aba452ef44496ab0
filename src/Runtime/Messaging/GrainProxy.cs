using System.Collections.Concurrent;
using System.Reflection;

namespace Shop.Runtime.Messaging;

/// <summary>
/// The grain reference: a generated implementation of a grain interface whose every method becomes a
/// request to the grain's activation. It carries nothing but the grain's address.
/// </summary>
public class GrainProxy : DispatchProxy, IAddressable
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<GrainRuntime, GrainId, GrainMethod, object?[], object>> Senders = new();

    private GrainRuntime _runtime = null!;

    /// <summary>The identity of the referenced grain.</summary>
    public GrainId GrainId { get; private set; }

    internal static TGrainInterface Create<TGrainInterface>(GrainRuntime runtime, GrainId grainId)
    {
        var proxy = (GrainProxy)DispatchProxy.Create(typeof(TGrainInterface), typeof(GrainProxy));
        proxy._runtime = runtime;
        proxy.GrainId = grainId;
        return (TGrainInterface)(object)proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = _runtime.Manifest.GetMethod(targetMethod);
        var send = Senders.GetOrAdd(targetMethod, static (_, m) => CreateSender(m), method);
        return send(_runtime, GrainId, method, args ?? []);
    }

    public override string ToString() => $"GrainReference:{GrainId}";

    private static Func<GrainRuntime, GrainId, GrainMethod, object?[], object> CreateSender(GrainMethod method)
    {
        if (method.ResultType is null)
        {
            return static (runtime, id, m, args) => runtime.InvokeAsync(id, m, args);
        }

        var generic = typeof(GrainRuntime).GetMethod(nameof(GrainRuntime.InvokeAsync), 1, [typeof(GrainId), typeof(GrainMethod), typeof(object?[])])!
            .MakeGenericMethod(method.ResultType);
        return generic.CreateDelegate<Func<GrainRuntime, GrainId, GrainMethod, object?[], object>>();
    }
}
