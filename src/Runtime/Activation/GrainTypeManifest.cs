using System.Collections.Concurrent;
using System.Reflection;
using Shop.Runtime.Messaging;

namespace Shop.Runtime.Activation;

/// <summary>The grain classes of the silo, the interfaces they implement and their prepared methods.</summary>
internal sealed class GrainTypeManifest
{
    private static readonly HashSet<Type> MarkerInterfaces =
        [typeof(IAddressable), typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey)];

    private readonly Dictionary<string, GrainClassInfo> _classesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClassInfo>> _classesByInterface = [];
    private readonly ConcurrentDictionary<MethodInfo, GrainMethod> _methods = new();

    public GrainTypeManifest(IEnumerable<Type> grainClasses)
    {
        foreach (var grainClass in grainClasses.Distinct())
        {
            var info = new GrainClassInfo(grainClass);
            if (!_classesByName.TryAdd(info.TypeName, info))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_classesByName[info.TypeName].GrainClass.Name} and {grainClass.Name} share the type name '{info.TypeName}'; give one a [GrainType].");
            }

            foreach (var grainInterface in GrainInterfacesOf(grainClass))
            {
                if (!_classesByInterface.TryGetValue(grainInterface, out var implementations))
                {
                    _classesByInterface[grainInterface] = implementations = [];
                }

                implementations.Add(info);

                foreach (var method in grainInterface.GetMethods())
                {
                    _methods.TryAdd(method, GrainMethod.Create(method));
                }
            }
        }
    }

    public IEnumerable<GrainClassInfo> Classes => _classesByName.Values;

    /// <summary>The non-abstract <see cref="Grain"/> classes of an assembly.</summary>
    public static IEnumerable<Type> FindGrainClasses(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && t.IsSubclassOf(typeof(Grain)));

    /// <summary>The one class implementing an interface. A base interface shared by several classes cannot address a grain by key.</summary>
    public GrainClassInfo GetClassForInterface(Type grainInterface) =>
        _classesByInterface.TryGetValue(grainInterface, out var implementations) switch
        {
            false => throw new InvalidOperationException($"No grain class implements {grainInterface.Name}; is its assembly added to the silo?"),
            true when implementations!.Count > 1 => throw new InvalidOperationException(
                $"Grain interface {grainInterface.Name} is implemented by {string.Join(", ", implementations.Select(i => i.GrainClass.Name))}; get the grain through a more specific interface."),
            _ => implementations![0],
        };

    public GrainClassInfo GetClass(string typeName) =>
        _classesByName.TryGetValue(typeName, out var info)
            ? info
            : throw new InvalidOperationException($"Unknown grain type '{typeName}'.");

    public GrainMethod GetMethod(MethodInfo method) =>
        _methods.TryGetValue(method, out var grainMethod)
            ? grainMethod
            : _methods.GetOrAdd(method, GrainMethod.Create);

    private static IEnumerable<Type> GrainInterfacesOf(Type grainClass) =>
        grainClass.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && !MarkerInterfaces.Contains(i));
}
