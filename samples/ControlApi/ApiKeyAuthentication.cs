using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlApi;

/// <summary>The API keys and the roles each one grants.</summary>
public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>Gets the keys: key → roles. Load them from a secret store or the environment, never from source.</summary>
    public Dictionary<string, string[]> Keys { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// An API-key scheme: the <c>X-Api-Key</c> header maps to roles. Keys are compared in constant time and never written to
/// logs or responses.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The request header that carries the key.</summary>
    public const string Header = "X-Api-Key";

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(values[0] ?? string.Empty);
        foreach (var (key, roles) in Options.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)))
            {
                var claims = roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, "api-key"));
                var identity = new ClaimsIdentity(claims, SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
    }
}

/// <summary>Registers the API-key scheme and the control API's two policies.</summary>
public static class ApiKeyAuthenticationExtensions
{
    /// <summary>Adds the scheme with a reader key (reads) and an operator key (reads and writes), and the policies <c>autoscaling.read</c> and <c>autoscaling.write</c>.</summary>
    public static IServiceCollection AddApiKeyPolicies(this IServiceCollection services, string? readerKey, string? operatorKey)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<ApiKeyOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, o =>
        {
            if (!string.IsNullOrEmpty(readerKey))
            {
                o.Keys[readerKey] = ["autoscaling.reader"];
            }

            if (!string.IsNullOrEmpty(operatorKey))
            {
                o.Keys[operatorKey] = ["autoscaling.reader", "autoscaling.operator"];
            }
        });
        services.AddAuthorizationBuilder()
            .AddPolicy("autoscaling.read", p => p.RequireRole("autoscaling.reader"))
            .AddPolicy("autoscaling.write", p => p.RequireRole("autoscaling.operator"));
        return services;
    }
}
