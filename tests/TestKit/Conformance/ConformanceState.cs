namespace Shop.TestKit.Conformance;

/// <summary>
/// The grain state the storage conformance tests write: a plain class with public settable members, so
/// any serializer (System.Text.Json, Newtonsoft, Orleans') can round-trip it.
/// </summary>
public sealed class ConformanceState
{
    public string Text { get; set; } = "";

    public int Counter { get; set; }

    public List<string> Items { get; set; } = [];
}
