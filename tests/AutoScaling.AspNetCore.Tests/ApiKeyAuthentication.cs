using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScaling.AspNetCore.Tests;

/// <summary>The API-key scheme of docs/control-api.md: <c>X-Api-Key</c> maps to roles; keys compared in constant time.</summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ReaderKey = "reader-key-0123456789";
    public const string WriterKey = "writer-key-0123456789";

    private static readonly (byte[] Key, string[] Roles)[] Keys =
    [
        (Encoding.UTF8.GetBytes(ReaderKey), ["autoscaling.reader"]),
        (Encoding.UTF8.GetBytes(WriterKey), ["autoscaling.reader", "autoscaling.operator"]),
    ];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("X-Api-Key", out var values) || values.Count != 1)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(values[0] ?? string.Empty);
        foreach (var (key, roles) in Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key))
            {
                var identity = new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, roles[^1])), SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Unknown API key.")); // never echoes the key
    }
}
