using Shop.Runtime.Storage;

namespace Shop.Providers.MySql.Writing;

/// <summary>Orders state changes by their row key, ordinally, to take row locks in one order.</summary>
internal sealed class StateOrder : IComparer<StateChange>
{
    public static readonly StateOrder Instance = new();

    public int Compare(StateChange? x, StateChange? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var result = string.CompareOrdinal(x.GrainId.Type, y.GrainId.Type);
        if (result == 0)
        {
            result = string.CompareOrdinal(x.GrainId.Key, y.GrainId.Key);
        }

        return result != 0 ? result : string.CompareOrdinal(x.StateName, y.StateName);
    }
}
