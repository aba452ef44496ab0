using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Runtime.Messaging;
using Shop.Runtime.Storage;

namespace Shop.Runtime.Reminders;

/// <summary>
/// Keeps the reminders of the table scheduled in memory and delivers their ticks, activating the grain
/// when needed. The table is the truth: it is read at start and every <see cref="ReminderOptions.RefreshPeriod"/>.
/// A reminder whose due time passed while no silo ran fires once as soon as it is loaded.
/// </summary>
internal sealed class ReminderService(GrainRuntime runtime, IReminderTable table, IOptions<ReminderOptions> options, ILogger<ReminderService> logger)
    : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ScheduledReminder> _scheduled = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _refresh = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _refresh = RefreshLoopAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _refresh;
        foreach (var scheduled in _scheduled.Values)
        {
            scheduled.Dispose();
        }

        _scheduled.Clear();
    }

    public void Dispose() => _stopping.Dispose();

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (period < options.Value.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder period must be at least {options.Value.MinimumReminderPeriod} (ReminderOptions.MinimumReminderPeriod).");
        }

        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder cannot be due in the past.");
        }

        if (!typeof(IRemindable).IsAssignableFrom(runtime.Manifest.GetClass(grainId.Type).GrainClass))
        {
            throw new InvalidOperationException($"Grain type '{grainId.Type}' must implement IRemindable to register reminders.");
        }

        var startAt = DateTimeOffset.UtcNow + dueTime;
        var eTag = await table.UpsertAsync(grainId, reminderName, startAt, period);
        Schedule(new ReminderEntry(grainId, reminderName, startAt, period, eTag));
        return new GrainReminder(grainId, reminderName, eTag);
    }

    public async Task UnregisterAsync(GrainId grainId, string reminderName)
    {
        // The grain owns its reminders, so the row's current ETag is the one to remove.
        while (await table.ReadAsync(grainId, reminderName) is { } current)
        {
            if (await table.RemoveAsync(grainId, reminderName, current.ETag))
            {
                break;
            }
        }

        if (_scheduled.TryRemove((grainId, reminderName), out var scheduled))
        {
            scheduled.Dispose();
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName) =>
        await table.ReadAsync(grainId, reminderName) is { } entry ? new GrainReminder(grainId, reminderName, entry.ETag) : null;

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var entries = await table.ReadAllAsync(cancellationToken);
        var live = new HashSet<(GrainId, string)>();
        foreach (var entry in entries)
        {
            live.Add((entry.GrainId, entry.Name));
            if (!_scheduled.TryGetValue((entry.GrainId, entry.Name), out var scheduled) || scheduled.Entry.ETag != entry.ETag)
            {
                Schedule(entry);
            }
        }

        foreach (var key in _scheduled.Keys.Where(k => !live.Contains(k)).ToList())
        {
            if (_scheduled.TryRemove(key, out var removed))
            {
                removed.Dispose();
            }
        }

        ReminderLog.Loaded(logger, entries.Count);
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await RefreshAsync(cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ReminderLog.RefreshFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        var scheduled = new ScheduledReminder(entry, this);
        _scheduled.AddOrUpdate((entry.GrainId, entry.Name), scheduled, (_, old) =>
        {
            old.Dispose();
            return scheduled;
        });
        scheduled.Start();
    }

    private async Task DeliverAsync(ReminderEntry entry, DateTimeOffset dueAt)
    {
        var timeout = runtime.Options.ResponseTimeout;
        var request = new ReminderRequest(entry.Name, new TickStatus(entry.StartAt, entry.Period, dueAt),
            GrainRequest.TimestampAfter(timeout));
        try
        {
            runtime.Catalog.Dispatch(entry.GrainId, request);
            await request.Completion.WaitAsync(timeout);
        }
        catch (Exception exception)
        {
            ReminderLog.TickFailed(logger, entry.Name, entry.GrainId, exception.Message);
        }
    }

    /// <summary>The in-memory timer of one reminder, re-armed after each tick for the next due time.</summary>
    private sealed class ScheduledReminder : IDisposable
    {
        private readonly ReminderService _service;
        private readonly Timer _timer;
        private volatile bool _disposed;

        public ScheduledReminder(ReminderEntry entry, ReminderService service)
        {
            Entry = entry;
            _service = service;
            _timer = new Timer(static s => _ = ((ScheduledReminder)s!).TickAsync(), this, Timeout.Infinite, Timeout.Infinite);
        }

        public ReminderEntry Entry { get; }

        public void Start()
        {
            var now = DateTimeOffset.UtcNow;
            Arm(Entry.StartAt > now ? Entry.StartAt - now : TimeSpan.Zero);
        }

        public void Dispose()
        {
            _disposed = true;
            _timer.Dispose();
        }

        private async Task TickAsync()
        {
            if (_disposed)
            {
                return;
            }

            var now = DateTimeOffset.UtcNow;
            await _service.DeliverAsync(Entry, now);
            Arm(NextDue(DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow);
        }

        // Ticks stay on the reminder's grid (start + k × period), skipping those missed while busy.
        private DateTimeOffset NextDue(DateTimeOffset now)
        {
            if (now < Entry.StartAt)
            {
                return Entry.StartAt;
            }

            var elapsedPeriods = (long)((now - Entry.StartAt) / Entry.Period) + 1;
            return Entry.StartAt + (Entry.Period * elapsedPeriods);
        }

        private void Arm(TimeSpan due)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Unregistered while the tick ran.
            }
        }
    }
}
