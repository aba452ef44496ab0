using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Shop.Runtime.Messaging;

/// <summary>
/// Gives the callee its own copy of every argument and the caller its own copy of every result, as a
/// call across processes would. Values of immutable types pass as they are; everything else makes a
/// round trip through System.Text.Json, which also proves it can cross the wire.
/// </summary>
internal static class CallCopier
{
    private static readonly ConcurrentDictionary<Type, bool> ShallowCopyable = new();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General)
    {
        IncludeFields = false,
    };

    public static object?[] CopyArguments(object?[]? arguments, Type[] parameterTypes)
    {
        if (arguments is null || arguments.Length == 0)
        {
            return [];
        }

        var copies = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            copies[i] = Copy(arguments[i], parameterTypes[i]);
        }

        return copies;
    }

    /// <summary>
    /// Copies a value as the declared type of the parameter or result it travels in: across processes only
    /// that contract is known, so a derived type crosses only where the contract declares it
    /// (<c>[JsonDerivedType]</c>), and an interface-typed collection arrives as its standard implementation.
    /// </summary>
    public static object? Copy(object? value, Type declaredType)
    {
        if (value is null)
        {
            return null;
        }

        var type = value.GetType();
        if (IsShallowCopyable(type))
        {
            return value;
        }

        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(value, declaredType, JsonOptions);
            return JsonSerializer.Deserialize(bytes, declaredType, JsonOptions);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new GrainCallSerializationException(
                $"A value of type {type.FullName} cannot cross a grain call: grain calls take and return serializable records. {exception.Message}",
                exception);
        }
    }

    internal static bool IsShallowCopyable(Type type) => ShallowCopyable.GetOrAdd(type, static t => Analyze(t, depth: 0));

    private static bool Analyze(Type type, int depth)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(Uri))
        {
            return true;
        }

        if (type.IsDefined(typeof(ImmutableAttribute), inherit: false) || typeof(Exception).IsAssignableFrom(type))
        {
            return true;
        }

        // Grain references are addresses, not data.
        if (typeof(GrainProxy).IsAssignableFrom(type) || type == typeof(GrainId))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Analyze(underlying, depth);
        }

        // A sealed type (or struct) whose fields are all readonly and themselves immutable cannot be
        // changed by either side after the call, so sharing it is as good as copying it.
        if (depth > 8 || !(type.IsValueType || type.IsSealed) || type.IsArray || type.IsInterface)
        {
            return false;
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly || (field.FieldType != type && !Analyze(field.FieldType, depth + 1)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
