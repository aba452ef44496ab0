using System.Text.RegularExpressions;

namespace Shop.Grains.Interfaces.Users;

/// <summary>
/// What an account's fields must look like (shared/API.md, Auth), checked by the gateway before it calls a grain
/// and by the email grain again, so that no caller can store an account that breaks them.
/// </summary>
public static partial class AccountRules
{
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 8;

    /// <summary>
    /// Longer passwords are refused rather than hashed: the limit is far above any pass phrase and keeps a single
    /// request from buying much hashing.
    /// </summary>
    public const int MaxPasswordLength = 256;

    public const int MaxNameLength = 100;

    /// <summary>
    /// The form an email address is compared and stored in: trimmed and lower case (invariant), so that
    /// <c>Alice@Example.com </c> and <c>alice@example.com</c> are one account.
    /// </summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The name as stored: trimmed.</summary>
    public static string NormalizeName(string name) => name.Trim();

    /// <summary>
    /// The broken rules of a registration, field (camelCase, as in the JSON body) to messages; empty when it is valid.
    /// Null fields are missing ones.
    /// </summary>
    public static Dictionary<string, string[]> Validate(string? email, string? password, string? name)
    {
        // The default comparer (ordinal): the map crosses grain calls inside InvalidRegistrationException.
        var errors = new Dictionary<string, string[]>();
        if (EmailError(email) is { } emailError)
        {
            errors["email"] = [emailError];
        }

        if (PasswordError(password) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        if (NameError(name) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        return errors;
    }

    /// <summary>Why <paramref name="email"/> is not an acceptable address, or null when it is.</summary>
    public static string? EmailError(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Email is required.";
        }

        var normalized = NormalizeEmail(email);
        if (normalized.Length > MaxEmailLength)
        {
            return $"Email must be at most {MaxEmailLength} characters.";
        }

        return EmailShape().IsMatch(normalized) ? null : "Email must look like an email address, such as name@example.com.";
    }

    private static string? PasswordError(string? password) => password switch
    {
        null or "" => "Password is required.",
        { Length: < MinPasswordLength } => $"Password must be at least {MinPasswordLength} characters.",
        { Length: > MaxPasswordLength } => $"Password must be at most {MaxPasswordLength} characters.",
        _ => null,
    };

    private static string? NameError(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Name is required.";
        }

        return NormalizeName(name).Length > MaxNameLength ? $"Name must be at most {MaxNameLength} characters." : null;
    }

    // Deliberately loose (the only real test of an address is mail reaching it): one @, no spaces, a local part,
    // and a domain of at least two dot-separated labels.
    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
