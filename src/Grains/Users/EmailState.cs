using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Users;

/// <summary>An email address's claim as stored (grain state <c>email</c> of <see cref="EmailGrain"/>).</summary>
[GenerateSerializer]
public sealed class EmailState
{
    /// <summary>The account the address belongs to; null while it is free.</summary>
    [Id(0)]
    public Guid? UserId { get; set; }

    /// <summary>
    /// The account to create for <see cref="UserId"/>, kept from the claim until the user grain has confirmed it,
    /// so that a crash in between is repaired by the next call rather than leaving the address taken by nobody.
    /// </summary>
    [Id(1)]
    public NewUser? Pending { get; set; }
}
