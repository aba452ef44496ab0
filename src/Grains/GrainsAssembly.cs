namespace Shop.Grains;

/// <summary>Anchors the grains assembly for registration (<c>silo.AddGrains(typeof(GrainsAssembly).Assembly)</c>).</summary>
public static class GrainsAssembly;
