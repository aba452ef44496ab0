using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Shop.Gateway.Auth;

/// <summary>
/// Sign-in for the API (shared/API.md, Auth): JWT bearer tokens issued by <c>POST /api/auth/token</c>, checked on
/// every request with the cluster's signing key and the injected <see cref="TimeProvider"/>, and the policies
/// <see cref="ShopPolicies.User"/> and <see cref="ShopPolicies.Admin"/>.
/// </summary>
public static class ShopAuth
{
    public static IServiceCollection AddShopAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthSettings>()
            .BindConfiguration(AuthSettings.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthSettings>, AuthSettingsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenSigningKeys>();
        services.TryAddSingleton<AccessTokens>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenSigningKeys, TimeProvider>((options, keys, time) =>
            {
                // Claims keep their JWT names (sub, email, role) rather than being renamed to long URIs.
                options.MapInboundClaims = false;
                options.ConfigurationManager = new SigningKeyConfiguration(keys);
                options.TimeProvider = time;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AccessTokens.Issuer,
                    ValidAudience = AccessTokens.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = AccessTokens.ClockSkew,
                    LifetimeValidator = TokenLifetimeValidator.For(time),
                    NameClaimType = ShopClaims.UserId,
                    RoleClaimType = ShopClaims.Role,
                };
                options.Events = new ProblemJwtBearerEvents();
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(ShopPolicies.User, policy => policy.RequireAuthenticatedUser().RequireClaim(ShopClaims.UserId))
            .AddPolicy(ShopPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(ShopClaims.UserId).RequireRole(ShopClaims.AdminRoleName));
        return services;
    }

    /// <summary>Authentication and authorization, after the problem-answer middleware and before the endpoints.</summary>
    public static IApplicationBuilder UseShopAuth(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// A group for <c>/api/admin</c>: every endpoint in it needs the administrator (401 without a valid token, 403 for
    /// a user). Each endpoint file may make its own; they share the prefix and the policy.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/admin").RequireAuthorization(ShopPolicies.Admin).WithTags("Admin").RefusesAllButTheAdmin();

    /// <summary>A group for <c>/api</c> endpoints that need a signed-in account (cart, orders).</summary>
    public static RouteGroupBuilder MapSignedInGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api").RequireAuthorization(ShopPolicies.User).RefusesAnonymous();
}
