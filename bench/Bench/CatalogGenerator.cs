using Shop.Grains.Interfaces.Catalog;

namespace Shop.Bench;

/// <summary>
/// Synthetic products of every kind for the catalog benchmarks: Korean and English titles from word lists, a brand,
/// one to three variants with prices, attributes and an image. Deterministic per product id, so two runs build the
/// same catalog.
/// </summary>
internal static class CatalogGenerator
{
    private static readonly string[] KoreanWords =
    [
        "운동화", "러닝화", "등산화", "슬리퍼", "샌들", "패딩", "점퍼", "코트", "니트", "셔츠", "청바지", "원피스", "가방", "백팩", "지갑",
        "모자", "양말", "노트북", "태블릿", "이어폰", "헤드폰", "스피커", "모니터", "키보드", "마우스", "충전기", "케이블", "냉장고", "세탁기",
        "청소기", "전자레인지", "커피", "녹차", "생수", "라면", "과자", "초콜릿", "쌀", "김치", "화장품", "로션", "선크림", "샴푸", "치약",
        "텐트", "캠핑의자", "자전거", "요가매트", "아령", "장난감", "블록", "인형", "유모차", "기저귀",
    ];

    private static readonly string[] EnglishWords =
    [
        "running", "trail", "classic", "premium", "wireless", "portable", "ultra", "slim", "pro", "max", "mini", "organic",
        "cotton", "leather", "waterproof", "lightweight", "smart", "gaming", "vintage", "compact", "deluxe", "sport", "outdoor",
        "kitchen", "travel", "winter", "summer", "studio", "edition", "original",
    ];

    private static readonly string[] Brands =
    [
        "Samsung", "LG", "Apple", "Nike", "Adidas", "New Balance", "Sony", "Dyson", "Philips", "Lotte", "CJ", "Nongshim",
        "Amorepacific", "Innisfree", "Uniqlo", "Zara", "Salomon", "Coleman", "Lego", "Xiaomi",
    ];

    /// <summary>The words a search load picks from: Korean two- and three-syllable words and English ones.</summary>
    public static IReadOnlyList<string> SearchWords { get; } = [.. KoreanWords, .. EnglishWords, .. Brands.Select(b => b.ToLowerInvariant())];

    public static ProductDocument Product(long id, string skuPrefix, IReadOnlyList<int> leafCategories)
    {
        var random = new Random(unchecked((int)id * 7919));
        var korean = KoreanWords[random.Next(KoreanWords.Length)];
        var english = EnglishWords[random.Next(EnglishWords.Length)];
        var brand = Brands[random.Next(Brands.Length)];
        var title = $"{brand} {english} {korean} {KoreanWords[random.Next(KoreanWords.Length)]} {id}";
        var category = leafCategories[random.Next(leafCategories.Count)];
        var price = 1_000m * random.Next(1, 500);
        var variants = Enumerable.Range(0, random.Next(1, 4))
            .Select(v => new ProductVariant(
                $"{skuPrefix}-{id}-{v}",
                new Money(price + 500m * v, "KRW"),
                new Dictionary<string, string> { ["size"] = (240 + 5 * v).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                InitialStock: 100,
                PerUserLimit: v == 0 ? 2 : null))
            .ToList();
        return new ProductDocument(
            title,
            $"{title}: {english} {korean}, 무료배송 free shipping.",
            brand,
            $"M-{id % 10_000}",
            [category],
            category,
            new Dictionary<string, string> { ["color"] = english, ["origin"] = "KR" },
            [new ProductImage($"https://img.example.com/p/{id}.jpg", true)],
            variants);
    }
}
