using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shop.Gateway.Auth;
using Shop.Gateway.Resilience;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Users;

/// <summary>API.md, Auth: registration, sign-in (bearer tokens), the signed-in account, and accounts for the administrator.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Users").RefusesTooMany();
        api.MapPost("/users", RegisterAsync).WithName("Register")
            .Produces<RegisteredUserResponse>(StatusCodes.Status201Created).RefusesBadBodies().Refuses(StatusCodes.Status409Conflict, ProblemCodes.EmailTaken);
        api.MapPost("/auth/token", IssueTokenAsync).WithName("IssueToken").RepeatableOnClusterChange()
            .Produces<AccessTokenResponse>().RefusesBadBodies().Refuses(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized);
        api.MapGet("/users/me", GetMeAsync).WithName("GetMe").RequireAuthorization(ShopPolicies.User)
            .Produces<MeResponse>().RefusesAnonymous();

        endpoints.MapAdminGroup().MapGet("/users/{userId:guid}", GetUserAsync).WithName("GetUser")
            .Produces<AdminUserResponse>().Refuses(StatusCodes.Status404NotFound, ProblemCodes.NotFound);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest body, IGrainFactory grains)
    {
        var errors = AccountRules.Validate(body.Email, body.Password, body.Name);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        var email = AccountRules.NormalizeEmail(body.Email!);
        try
        {
            var user = await grains.GetGrain<IEmailGrain>(email).RegisterAsync(new Registration(email, body.Password!, body.Name!));
            return TypedResults.Created("/api/users/me", new RegisteredUserResponse(user.UserId, user.Email, user.Name));
        }
        catch (EmailTakenException e)
        {
            return UserProblems.EmailTaken(e);
        }
        catch (InvalidRegistrationException e)
        {
            return ApiProblem.Validation(e.Errors);
        }
    }

    private static async Task<IResult> IssueTokenAsync(TokenRequest body, IGrainFactory grains, AccessTokens tokens, Hardening.SignInThrottle throttle, HttpResponse response)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Email))
        {
            errors["email"] = ["Email is required."];
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            errors["password"] = ["Password is required."];
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        // A malformed address or an overlong password cannot belong to an account: refused like a wrong password,
        // without hashing anything.
        var email = AccountRules.NormalizeEmail(body.Email!);
        if (throttle.TryAttempt(email) is { } retryAfter)
        {
            return new RateLimited(retryAfter);
        }

        if (AccountRules.EmailError(email) is not null || body.Password!.Length > AccountRules.MaxPasswordLength)
        {
            return UserProblems.WrongCredentials();
        }

        if (await grains.GetGrain<IEmailGrain>(email).SignInAsync(body.Password) is not { } user)
        {
            return UserProblems.WrongCredentials();
        }

        var token = await tokens.IssueAsync(user);

        // A token answer is never to be cached (RFC 6749, 5.1).
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AccessTokenResponse(token.Token, "Bearer", (long)token.Lifetime.TotalSeconds));
    }

    private static async Task<IResult> GetMeAsync(ClaimsPrincipal caller, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(caller.GetUserId()).GetProfileAsync() is { } user
            ? TypedResults.Ok(MeResponse.From(user))
            : ApiProblem.NotFound("The signed-in account no longer exists.");

    private static async Task<IResult> GetUserAsync(Guid userId, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(userId).GetProfileAsync() is { } user
            ? TypedResults.Ok(AdminUserResponse.From(user))
            : ApiProblem.NotFound($"There is no account {userId}.");

    /// <summary>429 <c>rate-limited</c> with <c>Retry-After</c>.</summary>
    private sealed class RateLimited(TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => Hardening.GatewayHardening.RejectAsync(httpContext, retryAfter);
    }
}
