using System.Reflection;
using Shop.Runtime.Activation;

namespace Shop.Runtime.Streams;

/// <summary>The implicit subscriptions of the silo's grain classes.</summary>
internal sealed class StreamSubscriptions(GrainTypeManifest manifest)
{
    public IReadOnlyList<StreamSubscription> All { get; } =
        manifest.Classes
            .SelectMany(c => c.GrainClass.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => new StreamSubscription(a.Namespace, c)))
            .ToList();

    public StreamSubscription? Find(string consumer) => All.FirstOrDefault(s => s.Consumer == consumer);
}
