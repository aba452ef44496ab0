namespace Shop.Runtime.Streams;

/// <summary>
/// Subscribes a grain class to every stream of a namespace: the events of stream (namespace, key) go to
/// the grain of this class with that key, which must implement <see cref="IStreamSubscriber{T}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string Namespace { get; } = streamNamespace;
}
