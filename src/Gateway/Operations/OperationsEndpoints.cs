using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using Shop.Streaming;

namespace Shop.Gateway.Operations;

/// <summary>API.md, Operations, for the administrator: dead letters (list, replay, discard) and the cluster view.</summary>
public static class OperationsEndpoints
{
    public const int MaxDeadLettersListed = 500;

    public static void MapOperationsEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/dead-letters", ListDeadLettersAsync).WithName("ListDeadLetters");
        admin.MapPost("/dead-letters/{id:long}/replay", ReplayAsync).WithName("ReplayDeadLetter");
        admin.MapDelete("/dead-letters/{id:long}", DiscardAsync).WithName("DiscardDeadLetter");
        admin.MapGet("/cluster", ClusterAsync).WithName("GetCluster");
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
