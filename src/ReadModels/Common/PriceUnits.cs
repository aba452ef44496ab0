namespace Shop.ReadModels.Common;

/// <summary>
/// Prices as whole ten-thousandths (<c>amount × 10,000</c>, a 64-bit integer), so that both stores filter and
/// compare them exactly with integer arithmetic (Groonga has no decimal type). Amounts with more than four
/// decimals are rounded to four, half away from zero; no currency the shop sells has more than three.
/// </summary>
internal static class PriceUnits
{
    private const decimal Scale = 10_000m;

    /// <summary>The largest amount that fits: about 922 trillion.</summary>
    public static readonly decimal MaxAmount = long.MaxValue / Scale;

    public static bool TryToUnits(decimal amount, out long units)
    {
        // Checked before scaling: amount × 10,000 itself overflows decimal beyond about 7.9e24, and would throw an
        // OverflowException where callers expect a "no" (ChangeValidation turns it into an ArgumentException).
        if (amount > MaxAmount || amount < -MaxAmount)
        {
            units = 0;
            return false;
        }

        var scaled = decimal.Round(amount * Scale, MidpointRounding.AwayFromZero);
        if (scaled > long.MaxValue || scaled < long.MinValue)
        {
            units = 0;
            return false;
        }

        units = (long)scaled;
        return true;
    }

    public static long ToUnits(decimal amount)
        => TryToUnits(amount, out var units) ? units : throw new OverflowException($"The amount {amount} is beyond ±{MaxAmount}.");

    /// <summary>The amount back, without the trailing zeros the scaling added (12000, not 12000.0000).</summary>
    public static decimal ToAmount(long units) => (units / Scale) / 1.000000000000000000000000000000000m;

    /// <summary>The smallest stored value a "price ≥ <paramref name="amount"/>" filter accepts.</summary>
    public static long LowerBound(decimal amount)
    {
        var scaled = decimal.Ceiling(Clamp(amount) * Scale);
        return scaled >= long.MaxValue ? long.MaxValue : scaled <= long.MinValue ? long.MinValue : (long)scaled;
    }

    /// <summary>The largest stored value a "price ≤ <paramref name="amount"/>" filter accepts.</summary>
    public static long UpperBound(decimal amount)
    {
        var scaled = decimal.Floor(Clamp(amount) * Scale);
        return scaled >= long.MaxValue ? long.MaxValue : scaled <= long.MinValue ? long.MinValue : (long)scaled;
    }

    private static decimal Clamp(decimal amount) => Math.Clamp(amount, -MaxAmount, MaxAmount);
}
