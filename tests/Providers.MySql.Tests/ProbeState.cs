namespace Shop.Providers.MySql.Tests;

/// <summary>A grain state the tests write: serializable by System.Text.Json, Newtonsoft and Orleans alike.</summary>
[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string Text { get; set; } = "";

    [Id(1)]
    public int Writes { get; set; }
}
