namespace Shop.ReadModels.Common;

/// <summary>A checked page of a listing or search: 1-based <see cref="Page"/>, <see cref="PageSize"/> items.</summary>
internal readonly record struct PageRequest(int Page, int PageSize)
{
    /// <summary>The largest page size the read model serves; the gateway asks for 20 by default.</summary>
    public const int MaxPageSize = 500;

    /// <summary>How many rows to skip; computed in 64 bits since a huge page number times the size overflows an int.</summary>
    public long Offset => (long)(Page - 1) * PageSize;

    public static PageRequest Create(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        return new PageRequest(page, pageSize);
    }
}
