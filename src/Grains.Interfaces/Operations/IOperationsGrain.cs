namespace Shop.Grains.Interfaces.Operations;

/// <summary>
/// The cluster's operations figures (one grain, key 0): every silo reports what its stream consumers handled, its read
/// models' lag and its busiest SKUs every few seconds; the grain keeps the latest report of each silo and a short
/// history. Kept in memory only: these are measurements, not business state, and they start again with the grain.
/// </summary>
[Alias("shop.IOperationsGrain")]
public interface IOperationsGrain : IGrainWithIntegerKey
{
    /// <summary>One silo's latest figures; they replace its previous report.</summary>
    Task ReportAsync(SiloActivity report);

    /// <summary>The cluster's figures now, from the silos that reported lately, with the history.</summary>
    Task<OperationsSnapshot> GetSnapshotAsync();
}
