namespace Shop.Gateway.Catalog;

/// <summary>The body of <c>POST /api/admin/warmup</c>: products and SKUs to load into memory before a sale.</summary>
public sealed record WarmupRequest(List<long>? ProductIds, List<string>? Skus)
{
    public const int MaxItems = 10_000;
}

/// <summary>What <c>POST /api/admin/warmup</c> activated: distinct products and SKUs.</summary>
public sealed record WarmupResponse(int Products, int Skus);
