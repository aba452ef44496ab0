namespace Shop.Gateway.Catalog;

/// <summary>The body of <c>POST /api/admin/categories</c>.</summary>
public sealed record CategoryRequest(string? Name, int? ParentId);
