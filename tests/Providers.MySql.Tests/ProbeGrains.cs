namespace Shop.Providers.MySql.Tests;

/// <summary>A grain whose state lives in a named grain storage provider and that can hold a reminder.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<string?> GetAsync();

    Task SetAsync(string text);

    Task RegisterReminderAsync(string name);

    Task<bool> HasReminderAsync(string name);

    Task UnregisterReminderAsync(string name);

    /// <summary>Deactivates after this call, so that the next call reads the state from storage again.</summary>
    Task DeactivateAsync();
}

/// <summary>State in Orleans' ADO.NET grain storage, registered as <see cref="AdoNetProvidersTests.AdoNetStorage"/>.</summary>
public interface IAdoNetProbeGrain : IProbeGrain;

/// <summary>State in the silo's default grain storage: ours (<c>AddMySqlStorage</c>).</summary>
public interface IDefaultProbeGrain : IProbeGrain;

public abstract class ProbeGrain(IPersistentState<ProbeState> state) : Grain, IProbeGrain, IRemindable
{
    public Task<string?> GetAsync() => Task.FromResult(state.RecordExists ? state.State.Text : null);

    public async Task SetAsync(string text)
    {
        state.State.Text = text;
        state.State.Writes++;
        await state.WriteStateAsync();
    }

    public async Task RegisterReminderAsync(string name)
        => await this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasReminderAsync(string name) => await this.GetReminder(name) is not null;

    public async Task UnregisterReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

public sealed class AdoNetProbeGrain([PersistentState("probe", AdoNetProvidersTests.AdoNetStorage)] IPersistentState<ProbeState> state)
    : ProbeGrain(state), IAdoNetProbeGrain;

public sealed class DefaultProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state)
    : ProbeGrain(state), IDefaultProbeGrain;
