using System.Linq.Expressions;
using Shop.Runtime.Activation;

namespace Shop.Runtime.Streams;

/// <summary>An implicit subscription: a grain class that receives every stream of a namespace.</summary>
internal sealed class StreamSubscription
{
    private readonly Func<object, object, StreamEventContext, Task> _invoke;

    public StreamSubscription(string streamNamespace, GrainClassInfo grainClass)
    {
        Namespace = streamNamespace;
        GrainClass = grainClass;
        var subscriberInterfaces = grainClass.GrainClass.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStreamSubscriber<>))
            .ToList();
        if (subscriberInterfaces.Count != 1)
        {
            throw new InvalidOperationException(
                $"{grainClass.GrainClass.Name} has [ImplicitStreamSubscription(\"{streamNamespace}\")] and must implement IStreamSubscriber<T> exactly once.");
        }

        EventType = subscriberInterfaces[0].GetGenericArguments()[0];
        var grain = Expression.Parameter(typeof(object));
        var item = Expression.Parameter(typeof(object));
        var context = Expression.Parameter(typeof(StreamEventContext));
        var call = Expression.Call(
            Expression.Convert(grain, subscriberInterfaces[0]),
            subscriberInterfaces[0].GetMethod(nameof(IStreamSubscriber<object>.OnNextAsync))!,
            Expression.Convert(item, EventType),
            context);
        _invoke = Expression.Lambda<Func<object, object, StreamEventContext, Task>>(call, grain, item, context).Compile();
    }

    public string Namespace { get; }

    public GrainClassInfo GrainClass { get; }

    public Type EventType { get; }

    /// <summary>The durable checkpoint name of this subscription.</summary>
    public string Consumer => $"{Namespace}:{GrainClass.TypeName}";

    public Task InvokeAsync(object grain, object item, StreamEventContext context) => _invoke(grain, item, context);
}
