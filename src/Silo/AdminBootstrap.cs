using Shop.Grains.Interfaces.Users;

namespace Shop.Silo;

/// <summary>
/// Seeds the administrator when the silo becomes active, before it is reported started: every silo does it, and
/// it is idempotent, because the account lives in the email and user grains like any other (one activation each in
/// the cluster). Which password it gets:
/// <list type="number">
/// <item><c>Shop:Admin:Password</c> when configured: created with it, or the existing administrator's password replaced by it.</item>
/// <item>Else the password in <see cref="AdminPasswordFile"/>: creates the administrator when there is none, never replaces a password.</item>
/// <item>Else, when there is no administrator yet, a generated one: stored in the file, printed once (when it created the account).</item>
/// <item>Else (the administrator exists, seeded by another silo or an earlier configuration) nothing changes.</item>
/// </list>
/// </summary>
internal sealed class AdminBootstrap(IGrainFactory grains, AdminSettings settings, AdminPasswordFile file, ILogger<AdminBootstrap> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(AdminBootstrap), ServiceLifecycleStage.Active, SeedAsync);

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var email = AccountRules.NormalizeEmail(settings.Email);
        var administrator = grains.GetGrain<IAdministratorGrain>(0);

        if (settings.Password is { Length: > 0 } configured)
        {
            Seeded(email, await administrator.EnsureAsync(email, configured, replacePassword: true));
            return;
        }

        if (file.Read() is { } stored)
        {
            var account = await administrator.EnsureAsync(email, stored, replacePassword: false);
            Seeded(email, account);
            if (account.Created)
            {
                // Stored by an earlier start that stopped before the account existed: it has not been shown yet.
                AdminLog.PasswordGenerated(logger, email, stored, file.Path);
            }

            return;
        }

        if (await grains.GetGrain<IEmailGrain>(email).GetUserIdAsync() is not null)
        {
            AdminLog.PasswordElsewhere(logger, email);
            return;
        }

        var generated = file.Create(AdminPasswordFile.Generate());
        var seeded = await administrator.EnsureAsync(email, generated, replacePassword: false);
        Seeded(email, seeded);
        if (seeded.Created)
        {
            AdminLog.PasswordGenerated(logger, email, generated, file.Path);
        }
        else
        {
            // Another silo seeded the administrator between our look and our seed: the file here is not its password.
            file.Delete();
            AdminLog.GeneratedElsewhere(logger, email);
        }
    }

    private void Seeded(string email, AdministratorAccount account) =>
        AdminLog.Seeded(logger, email, account.UserId, account.Created, account.PasswordChanged);
}
