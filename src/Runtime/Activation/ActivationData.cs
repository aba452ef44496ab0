using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Shop.Runtime.Diagnostics;
using Shop.Runtime.Messaging;
using Shop.Runtime.Persistence;
using Shop.Runtime.Scheduling;
using Shop.Runtime.Storage;
using Shop.Runtime.Timers;

namespace Shop.Runtime.Activation;

/// <summary>
/// One activation of a grain: its instance, its scheduler, its queue of waiting requests and its
/// lifecycle (activating → valid → deactivating → invalid). Every decision about which request may
/// run is taken here, under one lock; the grain's own code always runs on <see cref="Scheduler"/>.
/// </summary>
internal sealed class ActivationData
{
    private static readonly Func<object?, Task> RunRequestCallback = static state =>
    {
        var (activation, request) = ((ActivationData, GrainRequest))state!;
        return activation.RunRequestAsync(request);
    };

    private static readonly AsyncLocal<TurnOutbox?> CurrentOutbox = new();

    private readonly object _lock = new();
    private readonly Queue<GrainRequest> _waiting = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly List<IPersistentStateLifecycle> _states = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;

    private ActivationStatus _status = ActivationStatus.Created;
    private int _running;
    private bool _exclusiveRunning;
    private DeactivationReason? _deactivationRequested;
    private long _lastActivityTimestamp = Stopwatch.GetTimestamp();
    private long _keepAliveUntilTimestamp;
    private object? _grain;

    public ActivationData(GrainId grainId, GrainClassInfo grainClass, GrainRuntime runtime)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        Runtime = runtime;
        Scheduler = new ActivationTaskScheduler(this);
        _logger = runtime.Logger;
    }

    public GrainId GrainId { get; }

    public GrainClassInfo GrainClass { get; }

    public GrainRuntime Runtime { get; }

    public ActivationTaskScheduler Scheduler { get; }

    /// <summary>Completes when the activation has been deactivated (or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>
    /// Accepts a request: starts it now if turn-based execution allows, queues it otherwise.
    /// False when this activation is gone and the request must go to a new one.
    /// </summary>
    public bool TryAccept(GrainRequest request)
    {
        var activate = false;
        lock (_lock)
        {
            switch (_status)
            {
                case ActivationStatus.Invalid:
                    return false;
                case ActivationStatus.Created:
                    _status = ActivationStatus.Activating;
                    activate = true;
                    _waiting.Enqueue(request);
                    break;
                case ActivationStatus.Valid when _deactivationRequested is null && CanStart(request):
                    Start(request);
                    break;
                default:
                    _waiting.Enqueue(request);
                    break;
            }
        }

        if (activate)
        {
            _ = Task.Factory.StartNew(static s => ((ActivationData)s!).ActivateAsync(), this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();
        }

        return true;
    }

    /// <summary>Deactivates once no request is running. Requests that arrive meanwhile go to the next activation.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        var deactivate = false;
        var neverActivated = false;
        lock (_lock)
        {
            if (_status is ActivationStatus.Invalid or ActivationStatus.Deactivating)
            {
                return;
            }

            _deactivationRequested ??= reason;
            if (_status == ActivationStatus.Created)
            {
                _status = ActivationStatus.Invalid;
                neverActivated = true;
            }
            else if (_status == ActivationStatus.Valid && _running == 0)
            {
                _status = ActivationStatus.Deactivating;
                deactivate = true;
            }
        }

        if (neverActivated)
        {
            Runtime.Catalog.OnDeactivated(this);
            _deactivated.TrySetResult();
        }
        else if (deactivate)
        {
            ScheduleDeactivation();
        }
    }

    /// <summary>Deactivates the activation if it has been idle for at least <paramref name="age"/>.</summary>
    public bool TryCollect(long nowTimestamp, TimeSpan age)
    {
        lock (_lock)
        {
            if (_status != ActivationStatus.Valid || _running > 0 || _waiting.Count > 0 || _deactivationRequested is not null
                || nowTimestamp < _keepAliveUntilTimestamp
                || Stopwatch.GetElapsedTime(_lastActivityTimestamp, nowTimestamp) < age)
            {
                return false;
            }

            _deactivationRequested = new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for more than {age}.");
            _status = ActivationStatus.Deactivating;
        }

        ScheduleDeactivation();
        return true;
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        lock (_lock)
        {
            _keepAliveUntilTimestamp = GrainRequest.TimestampAfter(timeSpan);
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (_lock)
        {
            if (_status is ActivationStatus.Invalid or ActivationStatus.Deactivating)
            {
                throw new InvalidOperationException($"Activation {GrainId} is deactivating; it cannot start a timer.");
            }

            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    public PersistentState<TState> AddPersistentState<TState>(PersistentStateAttribute attribute) where TState : new()
    {
        var state = new PersistentState<TState>(this, attribute.StateName, Runtime.GetStorage(attribute.StorageName));
        _states.Add(state);
        return state;
    }

    /// <summary>Adds an event to the outbox of the running turn; false outside a turn (the caller then commits it at once).</summary>
    public static bool TryAddToTurnOutbox(StreamEvent streamEvent)
    {
        if (CurrentOutbox.Value is not { } outbox || !ReferenceEquals(outbox.Activation, RuntimeContext.CurrentActivation))
        {
            return false;
        }

        outbox.Events.Add(streamEvent);
        return true;
    }

    /// <summary>Takes the events the running turn has published and not yet committed.</summary>
    public static IReadOnlyList<StreamEvent> TakeTurnOutbox()
    {
        if (CurrentOutbox.Value is not { Events.Count: > 0 } outbox)
        {
            return [];
        }

        var events = outbox.Events.ToArray();
        outbox.Events.Clear();
        return events;
    }

    /// <summary>Puts events back at the front of the turn's outbox after a commit whose outcome is an error other than a conflict.</summary>
    public static void ReturnToTurnOutbox(IReadOnlyList<StreamEvent> events)
    {
        if (events.Count > 0 && CurrentOutbox.Value is { } outbox)
        {
            outbox.Events.InsertRange(0, events);
        }
    }

    public void OnInconsistentState(InconsistentStateException exception)
    {
        RuntimeLog.InconsistentState(_logger, GrainId, exception.Message);
        RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A write found a stale ETag."));
    }

    private bool CanStart(GrainRequest request) =>
        GrainClass.IsReentrant || request.Interleave || (!_exclusiveRunning && _waiting.Count == 0);

    // Called under _lock.
    private void Start(GrainRequest request)
    {
        _running++;
        if (!GrainClass.IsReentrant && !request.Interleave)
        {
            _exclusiveRunning = true;
        }

        if (request.KeepAlive)
        {
            _lastActivityTimestamp = Stopwatch.GetTimestamp();
        }

        Task.Factory.StartNew(RunRequestCallback, (this, request), CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);
    }

    // Called under _lock, when a request ends or activation completes: serve the queue, unless a
    // deactivation was asked for, which begins once nothing runs. True when the caller must schedule it.
    private bool StartWaitingOrBeginDeactivation()
    {
        if (_deactivationRequested is null)
        {
            StartWaiting();
            return false;
        }

        if (_running > 0 || _status != ActivationStatus.Valid)
        {
            return false;
        }

        _status = ActivationStatus.Deactivating;
        return true;
    }

    // Called under _lock: starts waiting requests in order while turn-based execution allows.
    private void StartWaiting()
    {
        var now = Stopwatch.GetTimestamp();
        while (_waiting.TryPeek(out var next))
        {
            if (next.IsExpired(now))
            {
                _waiting.Dequeue();
                next.Fail(new TimeoutException($"{next.Name} on {GrainId} expired while waiting for its turn."));
                continue;
            }

            if (!GrainClass.IsReentrant && !next.Interleave && _exclusiveRunning)
            {
                return;
            }

            _waiting.Dequeue();
            Start(next);
        }
    }

    private async Task RunRequestAsync(GrainRequest request)
    {
        var startTimestamp = Stopwatch.GetTimestamp();
        var outbox = new TurnOutbox(this);
        CurrentOutbox.Value = outbox;
        var failed = false;
        try
        {
            if (request.IsExpired(startTimestamp))
            {
                throw new TimeoutException($"{request.Name} on {GrainId} expired before it started.");
            }

            var result = await request.InvokeAsync(_grain!, CancellationToken.None);
            if (outbox.Events.Count > 0)
            {
                // A turn that published without writing state commits its events before it answers.
                await Runtime.CommitAsync(Runtime.GetStorage(StorageNames.Default), GrainCommit.EventsOnly(TakeTurnOutbox()));
            }

            request.Complete(result);
        }
        catch (Exception exception)
        {
            failed = true;
            if (outbox.Events.Count > 0)
            {
                RuntimeLog.OutboxDiscarded(_logger, GrainId, request.Name, outbox.Events.Count);
                outbox.Events.Clear();
            }

            request.Fail(exception);
        }
        finally
        {
            CurrentOutbox.Value = null;
            Runtime.Metrics.RecordRequest(GrainClass.TypeName, startTimestamp, failed);
            OnRequestCompleted(request);
        }
    }

    private void OnRequestCompleted(GrainRequest request)
    {
        var deactivate = false;
        lock (_lock)
        {
            _running--;
            if (!GrainClass.IsReentrant && !request.Interleave)
            {
                _exclusiveRunning = false;
            }

            if (request.KeepAlive)
            {
                _lastActivityTimestamp = Stopwatch.GetTimestamp();
            }

            deactivate = StartWaitingOrBeginDeactivation();
        }

        if (deactivate)
        {
            ScheduleDeactivation();
        }
    }

    private async Task ActivateAsync()
    {
        try
        {
            _grain = GrainClass.CreateInstance(this);
            foreach (var state in _states)
            {
                await state.LoadAsync();
            }

            if (_grain is Journaling.IJournaledGrainLifecycle journaled)
            {
                await journaled.LoadAsync();
            }

            if (_grain is Grain grain)
            {
                using var cts = new CancellationTokenSource(Runtime.Options.ActivationTimeout);
                await grain.OnActivateAsync(cts.Token);
            }

            Runtime.Metrics.ActivationCreated(GrainClass.TypeName);
            RuntimeLog.Activated(_logger, GrainId);
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(_logger, exception, GrainId);
            List<GrainRequest> failed;
            lock (_lock)
            {
                _status = ActivationStatus.Invalid;
                failed = [.. _waiting];
                _waiting.Clear();
            }

            Runtime.Catalog.OnDeactivated(this);
            _deactivated.TrySetResult();
            foreach (var request in failed)
            {
                request.Fail(exception);
            }

            return;
        }

        var deactivate = false;
        lock (_lock)
        {
            _status = ActivationStatus.Valid;
            _lastActivityTimestamp = Stopwatch.GetTimestamp();
            deactivate = StartWaitingOrBeginDeactivation();
        }

        if (deactivate)
        {
            ScheduleDeactivation();
        }
    }

    private void ScheduleDeactivation() =>
        _ = Task.Factory.StartNew(static s => ((ActivationData)s!).DeactivateAsync(), this, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();

    private async Task DeactivateAsync()
    {
        DeactivationReason reason;
        GrainTimer[] timers;
        lock (_lock)
        {
            reason = _deactivationRequested ?? new DeactivationReason(DeactivationReasonCode.None, "Unknown.");
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        if (_grain is Grain grain)
        {
            try
            {
                using var cts = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
                await grain.OnDeactivateAsync(reason, cts.Token);
            }
            catch (Exception exception)
            {
                RuntimeLog.DeactivationCallbackFailed(_logger, exception, GrainId);
            }
        }

        List<GrainRequest> forward;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            forward = [.. _waiting];
            _waiting.Clear();
        }

        Runtime.Catalog.OnDeactivated(this);
        Runtime.Metrics.ActivationDeactivated(GrainClass.TypeName);
        RuntimeLog.Deactivated(_logger, GrainId, reason.ToString());
        _deactivated.TrySetResult();

        foreach (var request in forward)
        {
            if (request.ForwardOnDeactivation)
            {
                Runtime.Catalog.Dispatch(GrainId, request);
            }
            else
            {
                request.Fail(new OperationCanceledException($"Activation {GrainId} was deactivated."));
            }
        }
    }

    private sealed class TurnOutbox(ActivationData activation)
    {
        public ActivationData Activation { get; } = activation;

        public List<StreamEvent> Events { get; } = [];
    }
}
