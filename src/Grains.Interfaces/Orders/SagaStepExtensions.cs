namespace Shop.Grains.Interfaces.Orders;

public static class SagaStepExtensions
{
    /// <summary>Whether an order at this step was ever answered to its buyer: one still placing, or abandoned, is nobody's to see.</summary>
    public static bool IsPlaced(this SagaStep step) =>
        step is not (SagaStep.None or SagaStep.Placing or SagaStep.AbandoningPlacement or SagaStep.Abandoned);
}
