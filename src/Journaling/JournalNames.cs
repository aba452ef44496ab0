namespace Shop.Journaling;

/// <summary>The name under which the journal's log-consistency provider is registered.</summary>
public static class JournalNames
{
    /// <summary>Orleans' CustomStorage log-consistency provider, bridged to <see cref="IJournalStorage"/> by <see cref="DurableJournaledGrain{TState,TEntry}"/>.</summary>
    public const string LogConsistencyProvider = "Journal";
}
