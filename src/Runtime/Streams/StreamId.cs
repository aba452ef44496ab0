namespace Shop.Runtime.Streams;

/// <summary>A stream: a namespace (the kind of events, e.g. <c>orders</c>) and a key (e.g. the order id).</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string streamNamespace, string key) => new(streamNamespace, key);

    public static StreamId Create(string streamNamespace, Guid key) => new(streamNamespace, key.ToString("N"));

    public static StreamId Create(string streamNamespace, long key) => new(streamNamespace, key.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => $"{Namespace}/{Key}";
}
