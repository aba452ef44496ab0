namespace Shop.Gateway.Catalog;

/// <summary>The <c>page</c> and <c>pageSize</c> query parameters: 1-based pages of 1–100 items, 20 by default.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 10_000;

    public static void Check(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [$"Must be between 1 and {MaxPage}."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Must be between 1 and {MaxPageSize}."];
        }
    }
}
