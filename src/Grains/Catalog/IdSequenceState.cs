namespace Shop.Grains.Catalog;

[GenerateSerializer]
public sealed class IdSequenceState
{
    /// <summary>The highest id handed out so far.</summary>
    [Id(0)]
    public long Last { get; set; }
}
