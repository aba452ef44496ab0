using Shop.Grains.Interfaces.Inventory;

namespace Shop.Grains.Interfaces.Orders;

/// <summary>What a buyer asks for: lines of SKUs and quantities, and the payment token to charge.</summary>
[GenerateSerializer, Immutable, Alias("shop.PlaceOrder")]
public sealed record PlaceOrder(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<OrderLine> Lines,
    [property: Id(2)] string PaymentToken)
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;
    public const int MaxPaymentTokenLength = 200;

    /// <summary>The request's problems (field → message); empty when it may be placed.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(UserId))
        {
            problems["userId"] = "Required.";
        }

        if (Lines is null || Lines.Count is < 1 or > MaxLines)
        {
            problems["items"] = $"Between 1 and {MaxLines} lines.";
        }
        else
        {
            for (var i = 0; i < Lines.Count; i++)
            {
                if (Lines[i] is not { } line || string.IsNullOrWhiteSpace(line.Sku))
                {
                    problems[$"items[{i}].sku"] = "Required.";
                }
                else if (line.Quantity is < 1 or > MaxQuantity)
                {
                    problems[$"items[{i}].quantity"] = $"Between 1 and {MaxQuantity}.";
                }
            }
        }

        if (string.IsNullOrEmpty(PaymentToken) || PaymentToken.Length > MaxPaymentTokenLength)
        {
            problems["paymentToken"] = $"Between 1 and {MaxPaymentTokenLength} characters.";
        }

        return problems;
    }
}
