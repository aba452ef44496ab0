using Shop.Runtime.Tests.TestGrains;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class GrainReferenceTests(RuntimeClusterFixture fixture)
{
    [Fact]
    public async Task String_guid_and_integer_keys_reach_the_grain_with_that_key()
    {
        var guid = Guid.NewGuid();
        Assert.Equal("käse-ключ-키", await fixture.Grains.GetGrain<IStringKeyGrain>("käse-ключ-키").GetKeyAsync());
        Assert.Equal(guid, await fixture.Grains.GetGrain<IGuidKeyGrain>(guid).GetKeyAsync());
        Assert.Equal(-42L, await fixture.Grains.GetGrain<IIntegerKeyGrain>(-42).GetKeyAsync());
    }

    [Fact]
    public async Task A_reference_passed_to_a_grain_is_usable_from_inside_it()
    {
        var guid = Guid.NewGuid();
        var other = fixture.Grains.GetGrain<IGuidKeyGrain>(guid);

        var answer = await fixture.Grains.GetGrain<IStringKeyGrain>("asker").AskOtherAsync(other);

        Assert.Equal($"asker->{guid}", answer);
    }

    [Fact]
    public void A_reference_carries_the_grain_id()
    {
        var reference = fixture.Grains.GetGrain<IIntegerKeyGrain>(7);

        Assert.Equal(new GrainId("integerkey", "7"), ((Messaging.GrainProxy)(object)reference).GrainId);
    }

    [Fact]
    public void An_empty_string_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => fixture.Grains.GetGrain<IStringKeyGrain>(""));
}
