using Microsoft.AspNetCore.Http;
using Shop.Grains.Interfaces.Cart;
using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Inventory;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;

namespace Shop.Gateway;

/// <summary>
/// Turns the grains' typed refusals into API.md's problem responses, in one place, so that an endpoint reads as the happy
/// path and no business refusal ever leaves as a 500.
/// </summary>
public sealed class CommerceExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidProductException e)
        {
            return ApiProblem.Validation(e.Errors);
        }
        catch (UnknownCategoryException e)
        {
            return ApiProblem.Validation("categoryIds", e.Message);
        }
        catch (SkuTakenException e)
        {
            return ApiProblem.Conflict(ProblemCodes.SkuTaken, e.Message);
        }
        catch (ProductNotFoundException e)
        {
            return ApiProblem.NotFound(e.Message);
        }
        catch (UnknownSkuException e)
        {
            return ApiProblem.Unprocessable(ProblemCodes.UnknownSku, e.Message);
        }
        catch (StockBelowReservedException e)
        {
            return ApiProblem.Conflict(ProblemCodes.StockBelowReserved, e.Message);
        }
        catch (PerUserLimitBelowHoldingsException e)
        {
            return ApiProblem.Conflict(ProblemCodes.PerUserLimitBelowHoldings, e.Message);
        }
        catch (OrderRefusedException e)
        {
            return e.Reason switch
            {
                OrderRefusal.OutOfStock => ApiProblem.Conflict(ProblemCodes.OutOfStock, e.Message),
                OrderRefusal.PurchaseLimitExceeded => ApiProblem.Conflict(ProblemCodes.PurchaseLimitExceeded, e.Message),
                _ => ApiProblem.Unprocessable(ProblemCodes.UnknownSku, e.Message),
            };
        }
        catch (InvalidOrderException e)
        {
            return ApiProblem.Validation(e.Errors.ToDictionary(p => p.Key, p => new[] { p.Value }));
        }
        catch (IdempotencyKeyReuseException e)
        {
            return ApiProblem.Unprocessable(ProblemCodes.IdempotencyKeyReuse, e.Message);
        }
        catch (OrderNotFoundException e)
        {
            return ApiProblem.NotFound(e.Message);
        }
        catch (UserDormantException e)
        {
            return Users.UserProblems.Dormant(e);
        }
    }
}
