using FsCheck;
using FsCheck.Fluent;

namespace Shop.Grains.Tests.Inventory;

/// <summary>One step of a random inventory script.</summary>
public abstract record SkuOp
{
    public sealed record Reserve(string Order, string User, int Quantity) : SkuOp;

    public sealed record Confirm(string Order) : SkuOp;

    public sealed record Release(string Order) : SkuOp;

    public sealed record Refund(string Order) : SkuOp;

    public sealed record SetStock(int Stock) : SkuOp;

    public sealed record SetLimit(int? Limit) : SkuOp;
}

/// <summary>A random script: few orders and users so that scripts collide on them often.</summary>
public sealed record SkuScript(IReadOnlyList<SkuOp> Ops)
{
    public override string ToString() => string.Join(", ", Ops);
}

public static class SkuScriptArbitrary
{
    public static Arbitrary<SkuScript> Scripts()
    {
        var order = Gen.Choose(1, 12).Select(i => $"o{i}");
        var user = Gen.Elements("ann", "bo", "cy", "di");
        var op = Gen.Frequency(
            (6, from o in order from u in user from q in Gen.Choose(1, 4) select (SkuOp)new SkuOp.Reserve(o, u, q)),
            (3, order.Select(o => (SkuOp)new SkuOp.Confirm(o))),
            (3, order.Select(o => (SkuOp)new SkuOp.Release(o))),
            (2, order.Select(o => (SkuOp)new SkuOp.Refund(o))),
            (2, Gen.Choose(0, 25).Select(s => (SkuOp)new SkuOp.SetStock(s))),
            (1, Gen.Choose(0, 6).Select(l => (SkuOp)new SkuOp.SetLimit(l == 0 ? null : l))));
        return Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(op, n)).Select(ops => new SkuScript(ops)).ToArbitrary();
    }
}
