namespace Shop.Grains.Interfaces.Users;

/// <summary>What an account may do. Stored as its number: never renumber.</summary>
[GenerateSerializer]
public enum UserRole
{
    /// <summary>A customer: a cart and orders of their own.</summary>
    User = 0,

    /// <summary>The administrator: everything under <c>/api/admin</c>, and every order.</summary>
    Admin = 1,
}
