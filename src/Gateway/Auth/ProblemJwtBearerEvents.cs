using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Shop.Gateway.Auth;

/// <summary>
/// Makes the bearer handler's 401 and 403 answers problems like every other error (shared/API.md, Errors), with the
/// codes <c>unauthorized</c> and <c>forbidden</c> and a detail that says what was wrong with the token. A browser
/// opening a dashboard gets the same statuses with a page instead: a sign-in form for 401, an explanation for 403.
/// </summary>
internal sealed class ProblemJwtBearerEvents : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        context.Token ??= BrowserSession.TokenOf(context.Request);
        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        if (Pages.PageRequests.WantsPage(context.Request))
        {
            await Pages.PageResponses.SignInAsync(context.HttpContext);
            return;
        }

        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, Detail(context.AuthenticateFailure));
    }

    public override Task Forbidden(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (Pages.PageRequests.WantsPage(context.Request))
        {
            return Pages.PageResponses.ForbiddenAsync(context.HttpContext);
        }

        return WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "The signed-in account may not do this.");
    }

    private static string Detail(Exception? failure) => failure switch
    {
        null => "A bearer token is required (sign in with POST /api/auth/token).",
        SecurityTokenExpiredException => "The bearer token has expired; sign in again.",
        _ => "The bearer token is not valid.",
    };

    private static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        var problem = new ProblemDetails { Status = status, Detail = detail };
        problem.Extensions["code"] = code;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
