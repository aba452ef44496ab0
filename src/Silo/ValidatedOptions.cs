using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Silo;

internal static class ValidatedOptions
{
    /// <summary>
    /// Reads <typeparamref name="T"/> from <paramref name="section"/> and checks it now, so that a bad value stops start-up
    /// naming its key rather than failing the first request that uses it; then registers the section as
    /// <c>IOptions&lt;T&gt;</c>.
    /// </summary>
    public static void AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section, Action<T> validate)
        where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        validate(options);
        services.AddOptions<T>().Bind(configuration.GetSection(section));
    }
}
