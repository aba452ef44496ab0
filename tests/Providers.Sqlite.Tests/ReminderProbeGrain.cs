namespace Shop.Providers.Sqlite.Tests;

[GenerateSerializer]
public sealed class ReminderProbeState
{
    /// <summary>The silo address of every tick received, in order.</summary>
    [Id(0)]
    public List<string> TicksOn { get; set; } = [];
}

[Alias("shop.tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers the "probe" reminder (first tick after <paramref name="dueTime"/>, then every <paramref name="period"/>).</summary>
    Task StartAsync(TimeSpan dueTime, TimeSpan period);

    Task StopAsync();

    /// <summary>The silo addresses the reminder ticked on, as persisted.</summary>
    Task<IReadOnlyList<string>> GetTicksAsync();
}

/// <summary>Records each tick of its reminder, and the silo it ticked on, in SQLite grain state.</summary>
public sealed class ReminderProbeGrain([PersistentState("ticks")] IPersistentState<ReminderProbeState> ticks, ILocalSiloDetails silo)
    : Grain, IReminderProbeGrain, IRemindable
{
    public Task StartAsync(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder("probe", dueTime, period);

    public async Task StopAsync()
    {
        if (await this.GetReminder("probe") is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<IReadOnlyList<string>> GetTicksAsync() => Task.FromResult<IReadOnlyList<string>>([.. ticks.State.TicksOn]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.State.TicksOn.Add(silo.SiloAddress.ToString());
        await ticks.WriteStateAsync();
    }
}
