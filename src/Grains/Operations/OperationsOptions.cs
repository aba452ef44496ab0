namespace Shop.Grains.Operations;

/// <summary><c>Shop:Operations</c>: how the operations page's figures are gathered.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Shop:Operations";

    /// <summary>How often each silo reports its stream activity, read-model lags and busiest SKUs. Default 5 seconds.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the operations grain takes a history sample (with the order counts and the dead letters). Default 5 seconds.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much history the operations grain keeps. Default 10 minutes.</summary>
    public TimeSpan HistoryLength { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A silo that has not reported for this long is left out of the figures (it left, or died). Default 30 seconds.</summary>
    public TimeSpan SiloSilentAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The SKUs with the most reservations within this window are the hot ones. Default 5 minutes.</summary>
    public TimeSpan HotSkuWindow { get; set; } = TimeSpan.FromMinutes(5);

    public void Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(ReportInterval), ReportInterval), (nameof(SampleInterval), SampleInterval), (nameof(HistoryLength), HistoryLength),
            (nameof(SiloSilentAfter), SiloSilentAfter), (nameof(HotSkuWindow), HotSkuWindow),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"{Section}:{name} is {value}; it must be positive.");
            }
        }

        if (SiloSilentAfter <= ReportInterval)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(SiloSilentAfter)} is {SiloSilentAfter}; it must be longer than {nameof(ReportInterval)} ({ReportInterval}), or every silo looks silent between its reports.");
        }
    }
}
