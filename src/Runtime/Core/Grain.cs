using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Shop.Runtime.Activation;
using Shop.Runtime.Reminders;
using Shop.Runtime.Streams;
using Shop.Runtime.Timers;

namespace Shop.Runtime;

/// <summary>
/// The base class of grain implementations. Instances are created by the runtime only, one per
/// activation, after which every call, timer tick, reminder and stream event runs through the
/// activation's own scheduler, one piece of code at a time.
/// </summary>
public abstract class Grain : IAddressable
{
    protected Grain()
    {
        Activation = RuntimeContext.CurrentActivation
            ?? throw new InvalidOperationException("Grains are created by the runtime: get a reference from IGrainFactory instead of calling the constructor.");
    }

    internal ActivationData Activation { get; }

    private ReminderService Reminders => ServiceProvider.GetRequiredService<ReminderService>();

    /// <summary>The identity of this grain.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>The factory for references to other grains (and to this one).</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => Activation.Runtime.Services;

    /// <summary>Runs after the persistent state has been loaded and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is collected, asked to deactivate, or the silo shuts down. Best effort.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes; the next call activates it anew.</summary>
    protected void DeactivateOnIdle() =>
        Activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Keeps the activation from being collected for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => Activation.DelayDeactivation(timeSpan);

    /// <summary>
    /// Starts a timer that lives and dies with this activation. Ticks never overlap: the next one is
    /// scheduled when the previous callback has completed. Ticks are requests like any other, so they
    /// respect turn-based execution unless <see cref="GrainTimerCreationOptions.Interleave"/> is set.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(ct => callback(state, ct), options);
    }

    /// <inheritdoc cref="RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(callback, options);
    }

    /// <inheritdoc cref="RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>The durable stream provider. Events published in a turn commit with the turn's state write.</summary>
    protected IStreamProvider GetStreamProvider(string name = StreamProviderNames.Default) =>
        ServiceProvider.GetRequiredKeyedService<IStreamProvider>(name);

    /// <summary>
    /// Registers (or moves) a durable reminder of this grain: it survives restarts and activates the grain
    /// when due. The grain must implement <see cref="IRemindable"/>.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    /// <summary>Removes a reminder of this grain; no more ticks are delivered.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder) => Reminders.UnregisterAsync(GrainId, reminder.ReminderName);

    /// <summary>A reminder of this grain by name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetAsync(GrainId, reminderName);

    /// <summary>The key of a grain with a string key.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The key of a grain with a Guid key.</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "N");

    /// <summary>The key of a grain with an integer key.</summary>
    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
