using System.Linq.Expressions;
using System.Reflection;

namespace Shop.Runtime.Messaging;

/// <summary>
/// A grain interface method prepared for calls: how the caller sends it, how the activation invokes it,
/// and the call options read from its attributes.
/// </summary>
internal sealed class GrainMethod
{
    private static readonly Task<object?> NullResult = Task.FromResult<object?>(null);

    private readonly Func<object, object?[], Task<object?>> _invoke;

    private GrainMethod(MethodInfo method, Type? resultType)
    {
        Method = method;
        ResultType = resultType;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        ResponseTimeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        _invoke = CompileInvoker(method, resultType);
    }

    public MethodInfo Method { get; }

    /// <summary>The T of Task&lt;T&gt;; null for Task.</summary>
    public Type? ResultType { get; }

    public string Name { get; }

    public bool AlwaysInterleave { get; }

    public TimeSpan? ResponseTimeout { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>Builds the description of an interface method, or explains why it cannot be a grain method.</summary>
    public static GrainMethod Create(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new InvalidOperationException($"Grain method {method.DeclaringType!.Name}.{method.Name} is generic; grain methods cannot be.");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new InvalidOperationException($"Grain method {method.DeclaringType!.Name}.{method.Name} has a ref or out parameter; grain calls pass copies.");
        }

        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            return new GrainMethod(method, resultType: null);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return new GrainMethod(method, returnType.GetGenericArguments()[0]);
        }

        throw new InvalidOperationException(
            $"Grain method {method.DeclaringType!.Name}.{method.Name} returns {returnType.Name}; grain methods return Task or Task<T>.");
    }

    /// <summary>Invokes the method on a grain instance and boxes its result.</summary>
    public Task<object?> InvokeAsync(object grain, object?[] arguments) => _invoke(grain, arguments);

    private static Func<object, object?[], Task<object?>> CompileInvoker(MethodInfo method, Type? resultType)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var callArgs = parameters.Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, callArgs);
        var box = resultType is null
            ? typeof(GrainMethod).GetMethod(nameof(BoxVoid), BindingFlags.NonPublic | BindingFlags.Static)!
            : typeof(GrainMethod).GetMethod(nameof(BoxResult), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
        var body = Expression.Call(box, call);
        return Expression.Lambda<Func<object, object?[], Task<object?>>>(body, grain, args).Compile();
    }

    private static Task<object?> BoxVoid(Task task) =>
        task.IsCompletedSuccessfully ? NullResult : AwaitVoidAsync(task);

    private static async Task<object?> AwaitVoidAsync(Task task)
    {
        await task;
        return null;
    }

    private static Task<object?> BoxResult<T>(Task<T> task) =>
        task.IsCompletedSuccessfully ? Task.FromResult<object?>(task.Result) : AwaitResultAsync(task);

    private static async Task<object?> AwaitResultAsync<T>(Task<T> task) => await task;
}
