using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Shop.Gateway.Tests.Hosting;
using Shop.Journaling;
using Shop.TestKit;
using static Shop.Gateway.Tests.Catalog.CatalogApi;

namespace Shop.Gateway.Tests.Catalog;

/// <summary>
/// The cache-stampede problem of the design notes, solved by construction: a product's reads are served from its one
/// activation, so a thousand shoppers arriving at once at a product nobody has read since the silo started cause one
/// activation and one read of its journal.
/// </summary>
public sealed class ColdProductTests
{
    [Fact]
    public async Task A_thousand_concurrent_readers_of_a_cold_product_cause_one_activation_and_one_storage_read()
    {
        var directory = TempDirectory.Create("cold-product");
        try
        {
            long productId;
            await using (var first = new ShopApiFactory(ShopStorage.Sqlite, dataDirectory: directory))
            {
                await first.StartAsync();
                using var admin = await first.AdminClientAsync();
                var category = await CreateCategoryAsync(admin, "Cold");
                productId = await CreateProductAsync(admin, Product("Cold product", "Brand", [category], (NewSku(), 1000m, 1)));
            }

            await using var second = new ShopApiFactory(ShopStorage.Sqlite, dataDirectory: directory);
            second.WithServices(CountingJournalStorage.Decorate);
            await second.StartAsync();
            var journal = (CountingJournalStorage)second.Services.GetRequiredService<IJournalStorage>();
            var grainId = GrainId.Create("product", productId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, journal.ReadsOf(grainId));

            using var client = second.CreateApiClient();
            var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => client.GetAsync($"/api/products/{productId}")));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            Assert.Equal(1, journal.ReadsOf(grainId));
            var management = second.Grains.GetGrain<IManagementGrain>(0);
            var activations = (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("ProductGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
            Assert.Equal(1, activations);
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
