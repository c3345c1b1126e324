using System.Text;

namespace AutoScaling.Prometheus;

/// <summary>
/// Replaces the configured credentials by <c>***</c> in text that came from a server (error answers, exception
/// messages), so a server or a proxy that echoes the request's <c>Authorization</c> header cannot relay them into logs,
/// samples or status.
/// </summary>
/// <remarks>
/// The secrets are the bearer token, the password and the header's base64 form of <c>user:password</c> (also the token's
/// base64 form). Longer secrets are replaced first, so a secret that contains another is replaced whole.
/// </remarks>
internal sealed class SecretScrubber
{
    /// <summary>What a secret is replaced by.</summary>
    public const string Mask = "***";

    private readonly string[] _secrets;

    private SecretScrubber(string[] secrets) => _secrets = secrets;

    /// <summary>Gets a scrubber with no secrets: text passes unchanged.</summary>
    public static SecretScrubber None { get; } = new([]);

    /// <summary>Creates the scrubber for the credentials of <paramref name="options"/>.</summary>
    /// <param name="options">The options holding the credentials.</param>
    /// <returns>The scrubber.</returns>
    public static SecretScrubber For(PrometheusQueryOptions options)
    {
        var secrets = new List<string>(4);
        if (!string.IsNullOrEmpty(options.BearerToken))
        {
            secrets.Add(options.BearerToken);
            secrets.Add(Base64(options.BearerToken));
        }

        if (options.Username is not null || !string.IsNullOrEmpty(options.Password))
        {
            secrets.Add(Base64(options.Username + ":" + options.Password));
            if (!string.IsNullOrEmpty(options.Password))
            {
                secrets.Add(options.Password);
            }
        }

        secrets.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        return secrets.Count == 0 ? None : new SecretScrubber([.. secrets.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Returns <paramref name="text"/> with every occurrence of a secret replaced by <see cref="Mask"/>.</summary>
    /// <param name="text">Text that may hold a server's words.</param>
    /// <returns>The scrubbed text; the same instance when it held no secret.</returns>
    public string Scrub(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
