using FsCheck;
using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Tests.Inventory;

/// <summary>
/// Random scripts of reserve / confirm / release / refund / stock and limit changes, run against a real
/// SkuGrain on a real SQLite file: after every step the answers match a naive model and the invariants
/// hold; at the end the ledger alone rebuilds the state, and so does a fresh activation.
/// </summary>
[Collection(InventoryOnSqlite.Name)]
public sealed class SkuPropertyTests(GrainsClusterFixture fixture)
{
    [Fact]
    public void Invariants_hold_after_every_step_and_the_ledger_always_rebuilds_the_state()
    {
        var property = FsCheck.FSharp.Prop.ForAll(
            SkuScriptArbitrary.Scripts(),
            Microsoft.FSharp.Core.FuncConvert.FromFunc<SkuScript, bool>(script => RunAsync(script).GetAwaiter().GetResult()));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    private async Task<bool> RunAsync(SkuScript script)
    {
        var key = $"PROP-{Guid.NewGuid():N}";
        var sku = fixture.Cluster.GrainFactory.GetGrain<ISkuGrain>(key);
        var model = new SkuModel();
        await sku.PutOnSaleAsync();
        foreach (var op in script.Ops)
        {
            var expected = model.Apply(op);
            var actual = await ApplyAsync(sku, op);
            Assert.True(expected == actual, $"{op}: model says {expected}, grain says {actual}");

            var view = await sku.GetViewAsync();
            Assert.True(0 <= view.Reserved && view.Reserved <= view.Stock && view.Sold >= 0 && view.Available == view.Stock - view.Reserved, $"after {op}: {view}");
            Assert.Equal((model.Stock, model.Reserved, model.Sold, model.Limit), (view.Stock, view.Reserved, view.Sold, view.PerUserLimit));
            if (view.PerUserLimit is { } limit)
            {
                Assert.All(new[] { "ann", "bo", "cy", "di" }, u => Assert.True(model.UnitsOf(u) <= limit));
            }
        }

        var report = await sku.ReconcileAsync();
        Assert.True(report.InSync, string.Join("; ", report.Drift));

        // A fresh activation (snapshot plus the ledger lines after it) has the same view and still reconciles.
        await fixture.Cluster.DeactivateAsync(sku);
        var reloaded = await sku.GetViewAsync();
        Assert.Equal((model.Stock, model.Reserved, model.Sold, model.Limit), (reloaded.Stock, reloaded.Reserved, reloaded.Sold, reloaded.PerUserLimit));
        var afterReload = await sku.ReconcileAsync();
        Assert.True(afterReload.InSync, string.Join("; ", afterReload.Drift));
        return true;
    }

    private static async Task<string> ApplyAsync(ISkuGrain sku, SkuOp op)
    {
        try
        {
            return op switch
            {
                SkuOp.Reserve r => (await sku.ReserveAsync(r.Order, r.User, r.Quantity)).Status.ToString(),
                SkuOp.Confirm c => (await sku.ConfirmAsync(c.Order)).Outcome.ToString(),
                SkuOp.Release r => (await sku.ReleaseAsync(r.Order, "script")).Outcome.ToString(),
                SkuOp.Refund r => (await sku.RefundAsync(r.Order)).Outcome.ToString(),
                SkuOp.SetStock s => await Ok(sku.SetStockAsync(s.Stock, "script")),
                SkuOp.SetLimit l => await Ok(sku.SetPerUserLimitAsync(l.Limit, "script")),
                _ => throw new InvalidOperationException(),
            };
        }
        catch (StockBelowReservedException)
        {
            return "stock-below-reserved";
        }
        catch (PerUserLimitBelowHoldingsException)
        {
            return "limit-below-holdings";
        }
    }

    private static async Task<string> Ok(Task<SkuView> change)
    {
        await change;
        return "ok";
    }
}
