using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using Shop.Gateway.Orders;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Interfaces.Operations;
using Shop.Grains.Interfaces.Orders;
using Shop.Streaming;

namespace Shop.Gateway.Operations;

/// <summary>
/// API.md, Operations, for the administrator: dead letters (list, replay, discard), the cluster view, and the figures of the
/// commerce operations page.
/// </summary>
public static class OperationsEndpoints
{
    public const int MaxDeadLettersListed = 500;

    /// <summary>Newest open dead letters and stuck sagas on the operations page.</summary>
    public const int MaxListedOnPage = 20;

    public static void MapOperationsEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/dead-letters", ListDeadLettersAsync).WithName("ListDeadLetters")
            .Produces<List<DeadLetterResponse>>();
        admin.MapPost("/dead-letters/{id:long}/replay", ReplayAsync).WithName("ReplayDeadLetter")
            .Produces(StatusCodes.Status202Accepted).Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound).Refuses(StatusCodes.Status409Conflict, ProblemCodes.DeadLetterNotReplayable);
        admin.MapDelete("/dead-letters/{id:long}", DiscardAsync).WithName("DiscardDeadLetter")
            .Produces(StatusCodes.Status204NoContent).Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound).Refuses(StatusCodes.Status409Conflict, ProblemCodes.DeadLetterNotOpen);
        admin.MapGet("/cluster", ClusterAsync).WithName("GetCluster")
            .Produces<ClusterResponse>();
        admin.MapGet("/operations", OperationsAsync).WithName("GetOperations")
            .Produces<OperationsResponse>();
    }

    private static async Task<IResult> ListDeadLettersAsync(IGrainFactory grains)
    {
        var open = await DeadLetters(grains).ListAsync(DeadLetterStatus.Open, afterId: 0, MaxDeadLettersListed);
        return TypedResults.Ok(open.Select(DeadLetterResponse.From).ToList());
    }

    private static async Task<IResult> ReplayAsync(long id, IGrainFactory grains)
    {
        var letters = DeadLetters(grains);
        if (await letters.GetAsync(id) is null)
        {
            return ApiProblem.NotFound($"There is no dead letter {id}.");
        }

        try
        {
            await letters.ReplayAsync(id);
        }
        catch (DeadLetterNotReplayableException e)
        {
            return ApiProblem.Conflict(ProblemCodes.DeadLetterNotReplayable, e.Message);
        }

        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IResult> DiscardAsync(long id, IGrainFactory grains)
    {
        var letters = DeadLetters(grains);
        if (await letters.GetAsync(id) is not { } letter)
        {
            return ApiProblem.NotFound($"There is no dead letter {id}.");
        }

        return await letters.DiscardAsync(id)
            ? TypedResults.NoContent()
            : ApiProblem.Conflict(ProblemCodes.DeadLetterNotOpen, $"Dead letter {id} is {letter.Status.ToString().ToLowerInvariant()}, not open.");
    }

    private static async Task<IResult> ClusterAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var perSilo = statistics.GroupBy(s => s.SiloAddress).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        return TypedResults.Ok(new ClusterResponse(
            [.. hosts.OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal).Select(h => new SiloResponse(
                h.SiloAddress.ToParsableString(),
                h.SiloAddress.Endpoint.ToString(),
                h.Status.ToString(),
                h.StartTime,
                perSilo.GetValueOrDefault(h.SiloAddress)))],
            [.. statistics.GroupBy(s => s.GrainType, StringComparer.Ordinal)
                .Select(g => new GrainTypeResponse(g.Key, g.Sum(s => s.ActivationCount)))
                .OrderByDescending(t => t.Activations)]));
    }

    /// <summary>
    /// The operations grain's figures (reported by every silo), with what changes when an operator acts and so is read
    /// fresh: the open dead letters, the stuck sagas, and the hot SKUs' stock from their grains.
    /// </summary>
    private static async Task<IResult> OperationsAsync(IGrainFactory grains)
    {
        var snapshot = grains.GetGrain<IOperationsGrain>(0).GetSnapshotAsync();
        var letters = DeadLetters(grains).OpenAsync(MaxListedOnPage);
        var stuck = grains.GetGrain<IOrderQueryGrain>(0).ListStuckAsync(MaxListedOnPage);
        await Task.WhenAll(snapshot, letters, stuck);

        var figures = snapshot.Result;
        var views = await Task.WhenAll(figures.HotSkus.Select(s => grains.GetGrain<ISkuGrain>(s.Sku).GetViewAsync()));
        return TypedResults.Ok(new OperationsResponse(
            figures.TakenAt,
            figures.Silos,
            OperationsResponse.Rounded(figures.EventsPerSecond),
            [.. figures.Queues.Select(QueueResponse.From)],
            [.. figures.ReadModels.Select(ReadModelLagResponse.From)],
            OperationsResponse.ByStatus(figures.OrdersByStatus),
            new DeadLettersResponse(letters.Result.Count, [.. letters.Result.Latest.Select(DeadLetterResponse.From)]),
            [.. stuck.Result.Select(OrderSummaryResponse.From)],
            [.. figures.HotSkus.Zip(views, (hot, view) => new HotSkuResponse(hot.Sku, hot.Reservations, view.Stock, view.Reserved, view.Sold, view.Available))],
            [.. figures.History.Select(OperationsSampleResponse.From)]));
    }

    private static IDeadLetterGrain DeadLetters(IGrainFactory grains) => grains.GetGrain<IDeadLetterGrain>(0);
}

/// <summary>A dead letter as operators see it (API.md: <c>{ id, stream, eventType, error, attempts, failedAt }</c>).</summary>
public sealed record DeadLetterResponse(long Id, string? EventId, string Stream, string EventType, string Consumer, string Error, int Attempts, DateTimeOffset FailedAt)
{
    public static DeadLetterResponse From(DeadLetter letter) => new(
        letter.Id,
        letter.EventId,
        letter.StreamNamespace is null ? letter.StreamProvider : $"{letter.StreamNamespace}/{letter.StreamKey}",
        letter.EventType,
        letter.Consumer,
        letter.Error,
        letter.Attempts,
        letter.FailedAt);
}

public sealed record ClusterResponse(IReadOnlyList<SiloResponse> Silos, IReadOnlyList<GrainTypeResponse> GrainTypes);

public sealed record SiloResponse(string Id, string Address, string Status, DateTimeOffset StartedAt, int Activations);

public sealed record GrainTypeResponse(string Type, int Activations);
