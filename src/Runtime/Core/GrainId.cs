namespace Shop.Runtime;

/// <summary>
/// The identity of a grain: its type name (e.g. <c>sku</c>) and its key in canonical string form
/// (strings as given, Guids in <c>N</c> format, longs in invariant decimal).
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
