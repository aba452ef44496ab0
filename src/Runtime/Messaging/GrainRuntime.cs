using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Runtime.Activation;
using Shop.Runtime.Diagnostics;
using Shop.Runtime.Hosting;
using Shop.Runtime.Storage;
using Shop.Runtime.Streams;

namespace Shop.Runtime.Messaging;

/// <summary>
/// The silo's runtime: sends grain calls to activations and waits for their answers. This is the
/// boundary a later multi-silo transport stretches across processes, which is why arguments and
/// results are copied here rather than shared.
/// </summary>
internal sealed class GrainRuntime
{
    private readonly StreamQueueSignals _streamSignals;

    public GrainRuntime(
        IServiceProvider services,
        GrainTypeManifest manifest,
        IOptions<SiloOptions> options,
        RuntimeMetrics metrics,
        StreamQueueSignals streamSignals,
        ILogger<GrainRuntime> logger)
    {
        _streamSignals = streamSignals;
        Services = services;
        Manifest = manifest;
        Options = options.Value;
        Metrics = metrics;
        Logger = logger;
        Catalog = new Catalog(this);
        GrainFactory = new GrainFactory(this);
    }

    public IServiceProvider Services { get; }

    public GrainTypeManifest Manifest { get; }

    public SiloOptions Options { get; }

    public RuntimeMetrics Metrics { get; }

    public ILogger Logger { get; }

    public Catalog Catalog { get; }

    public IGrainFactory GrainFactory { get; }

    /// <summary>Calls a grain method that returns Task.</summary>
    public Task InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments) =>
        SendAsync(grainId, method, arguments);

    /// <summary>Calls a grain method that returns Task&lt;T&gt;.</summary>
    public async Task<T> InvokeAsync<T>(GrainId grainId, GrainMethod method, object?[] arguments) =>
        (T)(await SendAsync(grainId, method, arguments))!;

    public IGrainStorage GetStorage(string storageName) =>
        Services.GetKeyedService<IGrainStorage>(storageName)
        ?? Services.GetService<IGrainStorage>()
        ?? throw new InvalidOperationException($"No grain storage is registered for '{storageName}' and there is no default store.");

    /// <summary>
    /// Commits a grain turn's state, journal and events, then wakes the pulling agents of the queues
    /// that received events so that delivery starts at once.
    /// </summary>
    public async Task<CommitResult> CommitAsync(IGrainStorage storage, GrainCommit commit)
    {
        // Nothing here needs the caller's activation; its callers decide where they resume.
        var result = await storage.CommitAsync(commit).ConfigureAwait(false);
        foreach (var queue in commit.Events.Select(e => e.Queue).Distinct())
        {
            _streamSignals.Wake(queue);
        }

        return result;
    }

    public TimeSpan CollectionAgeOf(GrainClassInfo grainClass) =>
        Options.ClassSpecificCollectionAge.TryGetValue(grainClass.TypeName, out var age) ? age
        : grainClass.CollectionAge ?? Options.CollectionAge;

    private async Task<object?> SendAsync(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var timeout = method.ResponseTimeout ?? Options.ResponseTimeout;
        var deadline = GrainRequest.TimestampAfter(timeout);
        var request = new MethodCallRequest(method, CallCopier.CopyArguments(arguments, method.ParameterTypes), method.AlwaysInterleave, deadline);
        Catalog.Dispatch(grainId, request);

        object? result;
        try
        {
            result = await request.Completion.WaitAsync(timeout);
        }
        catch (TimeoutException timeoutException) when (!ReferenceEquals(timeoutException, request.Completion.Exception?.InnerException))
        {
            if (!request.Completion.IsCompleted)
            {
                // The outcome is unknown: the request may still run. It is never resent.
                throw new TimeoutException($"{method.Name} on {grainId} did not answer within {timeout}.");
            }

            // The answer arrived in the same instant as the timeout: the answer wins.
            result = await request.Completion;
        }

        return method.ResultType is null ? null : CallCopier.Copy(result, method.ResultType);
    }
}
