using Shop.Runtime.Tests.TestGrains;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class CallBoundaryTests(RuntimeClusterFixture fixture)
{
    [Fact]
    public async Task The_grain_gets_a_copy_of_a_mutable_argument_and_the_caller_a_copy_of_the_result()
    {
        var grain = fixture.Grains.GetGrain<ICopyGrain>(ProbeLog.NewKey("copy"));
        var basket = new MutableBasket { Items = ["a"] };

        var returned = await grain.AddItemAsync(basket, "b");

        Assert.Equal(["a"], basket.Items);
        Assert.Equal(["a", "b"], returned.Items);
        Assert.NotSame(basket, returned);
    }

    [Fact]
    public async Task State_kept_by_a_grain_cannot_be_changed_through_the_caller_s_object()
    {
        var grain = fixture.Grains.GetGrain<ICopyGrain>(ProbeLog.NewKey("copy"));
        var basket = new MutableBasket { Items = ["kept"] };
        await grain.KeepAsync(basket);

        basket.Items.Add("changed later by the caller");
        var kept = await grain.GetKeptAsync();
        kept.Items.Add("changed by the caller of Get");

        Assert.Equal(["kept"], (await grain.GetKeptAsync()).Items);
    }

    [Fact]
    public async Task Immutable_records_cross_unchanged()
    {
        var grain = fixture.Grains.GetGrain<ICopyGrain>(ProbeLog.NewKey("copy"));

        Assert.Equal(new Line("SKU-1", 3), await grain.EchoAsync(new Line("SKU-1", 3)));
        Assert.True(Messaging.CallCopier.IsShallowCopyable(typeof(Line)));
        Assert.False(Messaging.CallCopier.IsShallowCopyable(typeof(MutableBasket)));
    }

    [Fact]
    public async Task Values_cross_as_their_declared_interface_types()
    {
        var grain = fixture.Grains.GetGrain<IListGrain>(ProbeLog.NewKey("list"));

        Assert.Equal(["a", "b", "end"], await grain.ListAsync(["a", "b"]));
    }

    [Fact]
    public async Task An_argument_that_cannot_be_serialized_is_refused_with_a_clear_error()
    {
        var grain = fixture.Grains.GetGrain<ICopyGrain>(ProbeLog.NewKey("copy"));

        var exception = await Assert.ThrowsAsync<GrainCallSerializationException>(() => grain.TakeAsync(new NotSerializable()));

        Assert.Contains(nameof(NotSerializable), exception.Message);
    }
}
