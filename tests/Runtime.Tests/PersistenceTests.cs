using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Shop.Runtime.Storage;
using Shop.Runtime.Tests.TestGrains;

namespace Shop.Runtime.Tests;

[Collection(RuntimeCluster.Name)]
public sealed class PersistenceTests(RuntimeClusterFixture fixture)
{
    private IGrainStorage Storage => fixture.Cluster.Services.GetRequiredService<IGrainStorage>();

    [Fact]
    public async Task State_is_loaded_before_OnActivateAsync()
    {
        var key = ProbeLog.NewKey("counter");
        await Storage.CommitAsync(new GrainCommit(
            [new StateChange(new GrainId("counter", key), "counter", "CounterState", null, Encoding.UTF8.GetBytes("""{"value":41}"""))], [], []));

        var grain = fixture.Grains.GetGrain<ICounterGrain>(key);

        Assert.Equal(41, await grain.ValueSeenOnActivationAsync());
    }

    [Fact]
    public async Task A_written_state_survives_deactivation()
    {
        var key = ProbeLog.NewKey("counter");
        var grain = fixture.Grains.GetGrain<ICounterGrain>(key);
        await grain.AddAsync(5, "첫 번째 🎉");
        await grain.AddAsync(2);

        await DeactivateAsync(key);

        var snapshot = await grain.GetAsync();
        Assert.Equal(7, snapshot.Value);
        Assert.Equal(["첫 번째 🎉"], snapshot.Notes);
        Assert.True(snapshot.RecordExists);
        Assert.Equal(7, await grain.ValueSeenOnActivationAsync());
    }

    [Fact]
    public async Task A_stale_ETag_throws_InconsistentStateException_and_the_activation_is_replaced_by_one_that_reads_the_newer_state()
    {
        var key = ProbeLog.NewKey("counter");
        var grain = fixture.Grains.GetGrain<ICounterGrain>(key);
        await grain.AddAsync(1);
        var before = await grain.GetAsync();
        var instance = await grain.InstanceAsync();

        // Another writer moves the row on behind the activation's back.
        await Storage.CommitAsync(new GrainCommit(
            [new StateChange(new GrainId("counter", key), "counter", "CounterState", before.ETag, Encoding.UTF8.GetBytes("""{"value":100}"""))], [], []));

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync(1));

        Assert.True(await Eventually.TrueAsync(async () => await grain.InstanceAsync() != instance));
        Assert.Equal(100, (await grain.GetAsync()).Value);
        Assert.Equal(101, await grain.AddAsync(1));
    }

    [Fact]
    public async Task Clearing_resets_the_state_and_a_new_activation_sees_no_record()
    {
        var key = ProbeLog.NewKey("counter");
        var grain = fixture.Grains.GetGrain<ICounterGrain>(key);
        await grain.AddAsync(3);

        await grain.ClearAsync();
        var cleared = await grain.GetAsync();
        await DeactivateAsync(key);
        var reloaded = await grain.GetAsync();

        Assert.Equal(0, cleared.Value);
        Assert.False(cleared.RecordExists);
        Assert.False(reloaded.RecordExists);
        Assert.Equal(cleared.ETag, reloaded.ETag);
        Assert.Equal(4, await grain.AddAsync(4));
    }

    [Fact]
    public async Task Rows_written_before_a_field_existed_read_with_its_default_and_unknown_fields_are_ignored()
    {
        var key = ProbeLog.NewKey("counter");
        await Storage.CommitAsync(new GrainCommit(
            [new StateChange(new GrainId("counter", key), "counter", "CounterState", null,
                Encoding.UTF8.GetBytes("""{"value":9,"notes":["old"],"retiredField":{"x":1}}"""))], [], []));

        var snapshot = await fixture.Grains.GetGrain<ICounterGrain>(key).GetAsync();

        Assert.Equal(9, snapshot.Value);
        Assert.Equal(["old"], snapshot.Notes);
        Assert.Equal("unlabelled", snapshot.Label);
    }

    [Fact]
    public async Task The_stored_payload_is_camel_case_json()
    {
        var key = ProbeLog.NewKey("counter");
        await fixture.Grains.GetGrain<ICounterGrain>(key).AddAsync(12, "n");

        var stored = await Storage.ReadStateAsync(new GrainId("counter", key), "counter");

        Assert.Equal("""{"value":12,"notes":["n"],"label":"unlabelled"}""", Encoding.UTF8.GetString(stored!.Payload!));
    }

    private async Task DeactivateAsync(string key)
    {
        var activation = ((Messaging.GrainRuntime)fixture.Cluster.Services.GetRequiredService(typeof(Messaging.GrainRuntime))).Catalog.Find(new GrainId("counter", key));
        activation!.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "test"));
        await activation.Deactivated;
    }
}
