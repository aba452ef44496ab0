namespace Shop.Silo.Tests;

/// <summary>
/// The tests that run a cluster of several silo and gateway processes take turns: on a two-core machine two such
/// clusters at once would starve each other's membership probes and declare healthy silos dead.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterProcessesCollection
{
    public const string Name = "cluster processes";
}
