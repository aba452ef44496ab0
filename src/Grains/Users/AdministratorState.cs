namespace Shop.Grains.Users;

/// <summary>Which account is the administrator (grain state <c>administrator</c> of <see cref="AdministratorGrain"/>).</summary>
[GenerateSerializer]
public sealed class AdministratorState
{
    [Id(0)]
    public Guid? UserId { get; set; }

    /// <summary>Normalized; informational.</summary>
    [Id(1)]
    public string? Email { get; set; }
}
