using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Runtime.Activation;

/// <summary>What the runtime knows of a grain class: its type name, its scheduling rules and how to construct it.</summary>
internal sealed class GrainClassInfo
{
    private static readonly MethodInfo AddPersistentStateMethod =
        typeof(ActivationData).GetMethod(nameof(ActivationData.AddPersistentState))!;

    private readonly ConstructorInfo _constructor;
    private readonly Func<ActivationData, object?>[] _argumentFactories;

    public GrainClassInfo(Type grainClass)
    {
        GrainClass = grainClass;
        TypeName = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(grainClass);
        IsReentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        CollectionAge = grainClass.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Amount;

        var constructors = grainClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        _constructor = constructors.Length == 1
            ? constructors[0]
            : throw new InvalidOperationException($"Grain class {grainClass.Name} must have exactly one public constructor.");
        _argumentFactories = _constructor.GetParameters().Select(CreateArgumentFactory).ToArray();
    }

    public Type GrainClass { get; }

    public string TypeName { get; }

    public bool IsReentrant { get; }

    /// <summary>The class's own collection age, from <see cref="CollectionAgeLimitAttribute"/>.</summary>
    public TimeSpan? CollectionAge { get; }

    /// <summary>Creates the grain instance of an activation; runs on the activation's scheduler.</summary>
    public object CreateInstance(ActivationData activation)
    {
        var arguments = new object?[_argumentFactories.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _argumentFactories[i](activation);
        }

        try
        {
            return _constructor.Invoke(arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }

    internal static string DefaultTypeName(Type grainClass)
    {
        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }

    private Func<ActivationData, object?> CreateArgumentFactory(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"[PersistentState] parameter {parameter.Name} of {GrainClass.Name} must be an IPersistentState<T>.");
            }

            var stateType = type.GetGenericArguments()[0];
            if (stateType.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new InvalidOperationException($"State type {stateType.Name} of {GrainClass.Name} needs a public parameterless constructor.");
            }

            var add = AddPersistentStateMethod.MakeGenericMethod(stateType);
            return activation => add.Invoke(activation, [attribute]);
        }

        var serviceType = parameter.ParameterType;
        return activation => activation.Runtime.Services.GetRequiredService(serviceType);
    }
}
