using Microsoft.AspNetCore.Http;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway.Users;

/// <summary>The problem answers of accounts and sign-in (shared/API.md, Errors).</summary>
public static class UserProblems
{
    /// <summary>401 <c>unauthorized</c>: the same answer for a wrong password and an unknown email.</summary>
    public static IResult WrongCredentials() =>
        Problem(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "The email address or the password is wrong.");

    /// <summary>409 <c>email-taken</c>.</summary>
    public static IResult EmailTaken(EmailTakenException exception) =>
        ApiProblem.Conflict(ProblemCodes.EmailTaken, exception.Message);

    /// <summary>403 <c>user-dormant</c>: for endpoints that call <see cref="IUserGrain.EnsureCanOrderAsync"/> (placing orders).</summary>
    public static IResult Dormant(UserDormantException exception) =>
        Problem(StatusCodes.Status403Forbidden, ProblemCodes.UserDormant, "The account has not signed in for a long time and is dormant; sign in again to order.");

    private static IResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
