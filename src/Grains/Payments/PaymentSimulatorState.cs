using Shop.Grains.Interfaces.Catalog;
using Shop.Grains.Interfaces.Payments;

namespace Shop.Grains.Payments;

[GenerateSerializer]
public sealed class PaymentSimulatorState
{
    [Id(0)] public ChargeOutcome Outcome { get; set; }
    [Id(1)] public int Attempts { get; set; }
    [Id(2)] public Money? Amount { get; set; }
}
