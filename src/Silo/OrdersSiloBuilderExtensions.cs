using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Shop.Grains.Orders;
using Shop.Grains.Payments;

namespace Shop.Silo;

public static class OrdersSiloBuilderExtensions
{
    /// <summary>
    /// The order saga: its options (<c>Shop:Orders</c>, <c>Shop:Payments</c>), the saga supervisor on every silo, and the
    /// built-in payment simulator unless another <see cref="IPaymentGateway"/> is registered. The host registers the
    /// orders read model (<see cref="Shop.Grains.ReadModels.IOrderReadModel"/>) of its storage.
    /// </summary>
    public static ISiloBuilder AddShopOrders(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddValidatedOptions<OrderOptions>(configuration, OrderOptions.Section, o => o.Validate());
        silo.Services.AddValidatedOptions<PaymentOptions>(configuration, PaymentOptions.Section, o => o.Validate());
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
        var faults = configuration.GetSection(FaultSettings.Section).Get<FaultSettings>() ?? new FaultSettings();
        silo.Services.AddSingleton(sp => new SagaFaults(faults.KillAt, faults.KillAfter, sp.GetRequiredService<ILogger<SagaFaults>>()));
        silo.Services.AddSingleton<OrderSagaSupervisor>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<OrderSagaSupervisor>());
        return silo;
    }
}

/// <summary><c>Shop:Faults</c>: the crash tests' fault-injection hook (see <see cref="SagaFaults"/>). Unset in any real deployment.</summary>
public sealed class FaultSettings
{
    public const string Section = "Shop:Faults";

    /// <summary>The saga point at which the process kills itself; null (the default) for never.</summary>
    public SagaPoint? KillAt { get; set; }

    /// <summary>Which pass through <see cref="KillAt"/> kills it. Default 1, the first.</summary>
    public int KillAfter { get; set; } = 1;
}
