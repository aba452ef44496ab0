using Microsoft.Extensions.Configuration;
using Shop.Gateway.Auth;
using Shop.Gateway.Hardening;
using Shop.Gateway.Hosting;
using Shop.Grains.Operations;
using Shop.Grains.Orders;
using Shop.Grains.Payments;
using Shop.Grains.Users;
using Shop.Silo;

namespace Shop.Deployment.Tests;

/// <summary>
/// What each process reads of its configuration: the options classes it binds and the section of each, as the silo's
/// and the gateway's hosting code does (the section names are those classes' own constants). A key in a manifest is read
/// when one of these classes binds it with <see cref="BinderOptions.ErrorOnUnknownConfiguration"/> (the binder then
/// refuses a key that names no property, at every level); and the whole environment must pass the processes' own
/// validation.
/// </summary>
public static class ProcessConfiguration
{
    public const string SiloImage = "shop-silo";
    public const string GatewayImage = "shop-gateway";

    /// <summary>The options classes a process binds, with their sections.</summary>
    public static IReadOnlyList<(Type Options, string Section)> Readers(string image, IConfiguration configuration) => image switch
    {
        SiloImage => [
            (typeof(ShopSiloOptions), ShopSiloOptions.Section),
            (typeof(KubernetesSettings), KubernetesSettings.Section),
            (typeof(AdminSettings), AdminSettings.Section),
            (typeof(UserOptions), UserOptions.Section),
            (typeof(OrderOptions), OrderOptions.Section),
            (typeof(PaymentOptions), PaymentOptions.Section),
            (typeof(OperationsOptions), OperationsOptions.Section),
            (typeof(FaultSettings), FaultSettings.Section),
            // The co-hosted gateway's sections only when the silo co-hosts it (Program.cs).
            .. ShopSiloOptions.Load(configuration).Gateway.Enabled ? GatewayReaders : []],
        GatewayImage => [(typeof(GatewayHostOptions), GatewayHostOptions.Section), .. GatewayReaders],
        _ => throw new ArgumentOutOfRangeException(nameof(image), image, "Not one of the project's images."),
    };

    private static readonly (Type, string)[] GatewayReaders = [(typeof(AuthSettings), AuthSettings.Section), (typeof(GatewayLimits), GatewayLimits.Section)];

    /// <summary>The environment as the process's configuration sees it (<c>A__B</c> is the key <c>A:B</c>).</summary>
    public static IConfiguration From(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();

    /// <summary>Problems with the <c>Shop__*</c> variables of one container of <paramref name="image"/>: keys nothing reads, values the process refuses.</summary>
    public static IReadOnlyList<string> Problems(string image, IReadOnlyDictionary<string, string> environment)
    {
        var configuration = From(environment);
        var problems = new List<string>();
        IReadOnlyList<(Type Options, string Section)> readers;
        try
        {
            readers = Readers(image, configuration);
            Validate(image, configuration);
        }
        catch (InvalidOperationException e)
        {
            return [$"{image}: the process would not start: {e.Message}"];
        }

        foreach (var variable in environment.Keys.Where(k => k.StartsWith("Shop__", StringComparison.Ordinal)))
        {
            var key = variable.Replace("__", ":", StringComparison.Ordinal);
            if (key.StartsWith(FaultSettings.Section + ":", StringComparison.Ordinal))
            {
                problems.Add($"{image}: {variable} is a test-only fault injection; no deployment sets it.");
            }
            else if (!readers.Any(r => Reads(r.Options, r.Section, key, configuration[key])))
            {
                problems.Add($"{image}: {variable} is read by none of {string.Join(", ", readers.Select(r => $"{r.Options.Name} ({r.Section})"))}.");
            }
        }

        return problems;
    }

    /// <summary>Whether binding <paramref name="key"/> alone into <paramref name="options"/> at <paramref name="section"/> finds a property for every part of it.</summary>
    private static bool Reads(Type options, string section, string key, string? value)
    {
        if (!key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var alone = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, value)]).Build();
        try
        {
            alone.GetSection(section).Get(options, o => o.ErrorOnUnknownConfiguration = true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The checks the process makes at start, each throwing <see cref="InvalidOperationException"/> naming the key.</summary>
    private static void Validate(string image, IConfiguration configuration)
    {
        switch (image)
        {
            case SiloImage:
                var options = ShopSiloOptions.Load(configuration);
                KubernetesSettings.Load(configuration, options);
                (configuration.GetSection(AdminSettings.Section).Get<AdminSettings>() ?? new AdminSettings()).Validate();
                (configuration.GetSection(UserOptions.Section).Get<UserOptions>() ?? new UserOptions()).Validate();
                (configuration.GetSection(OrderOptions.Section).Get<OrderOptions>() ?? new OrderOptions()).Validate();
                (configuration.GetSection(PaymentOptions.Section).Get<PaymentOptions>() ?? new PaymentOptions()).Validate();
                (configuration.GetSection(OperationsOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions()).Validate();
                if (options.Gateway.Enabled)
                {
                    ValidateGatewaySections(configuration);
                }

                break;
            case GatewayImage:
                GatewayHostOptions.Load(configuration);
                ValidateGatewaySections(configuration);
                break;
        }
    }

    private static void ValidateGatewaySections(IConfiguration configuration)
    {
        if ((configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings()).Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        (configuration.GetSection(GatewayLimits.Section).Get<GatewayLimits>() ?? new GatewayLimits()).Validate();
    }
}
