using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Grains.Users;

namespace Shop.Silo;

public static class UsersSiloBuilderExtensions
{
    /// <summary>
    /// Accounts in the silo: <see cref="UserOptions"/> from <c>Shop:Users</c>, and the administrator from
    /// <c>Shop:Admin</c> seeded when the silo becomes active (<see cref="AdminBootstrap"/>), with a generated password
    /// kept under <paramref name="dataDirectory"/> when none is configured. Bad values stop start-up here, naming the key.
    /// </summary>
    public static ISiloBuilder AddShopUsers(this ISiloBuilder silo, IConfiguration configuration, string dataDirectory)
    {
        silo.Services.AddValidatedOptions<UserOptions>(configuration, UserOptions.Section, o => o.Validate());
        var admin = configuration.GetSection(AdminSettings.Section).Get<AdminSettings>() ?? new AdminSettings();
        admin.Validate();

        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new AdminBootstrap(
            sp.GetRequiredService<IGrainFactory>(),
            admin,
            new AdminPasswordFile(dataDirectory),
            sp.GetRequiredService<ILogger<AdminBootstrap>>()));
        return silo;
    }
}
