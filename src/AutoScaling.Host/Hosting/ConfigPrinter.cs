using Microsoft.Extensions.Configuration;

namespace AutoScaling.Host.Hosting;

/// <summary>Writes the effective <c>AutoScaling</c> and <c>Host</c> keys, one <c>key = value</c> a line, with secrets masked.</summary>
internal static class ConfigPrinter
{
    /// <summary>What a secret is replaced by.</summary>
    public const string Mask = "***";

    private static readonly string[] Sections = ["AutoScaling", AutoscalerHostOptions.Section];

    // Key names whose values are credentials: API keys, Prometheus basic auth and bearer token, and anything named so.
    private static readonly string[] SecretSuffixes = ["Key", "Password", "Token", "Secret"];

    public static void Write(IConfiguration configuration, TextWriter output)
    {
        var lines = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && InSections(key))
            {
                lines.Add(new(key, IsSecret(key) ? Mask : MaskUserInfo(value)));
            }
        }

        lines.Sort(static (a, b) => string.Compare(a.Key, b.Key, StringComparison.OrdinalIgnoreCase));
        foreach (var (key, value) in lines)
        {
            output.WriteLine($"{key} = {value}");
        }
    }

    /// <summary>Gets a value indicating whether the key's value is a secret: a credential's name, or a container's environment.</summary>
    public static bool IsSecret(string key)
    {
        var last = key[(key.LastIndexOf(':') + 1)..];
        foreach (var suffix in SecretSuffixes)
        {
            if (last.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && !last.Equals("HashKey", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // Values passed to containers (Docker's Environment) often carry credentials.
        return key.Contains(":Environment:", StringComparison.OrdinalIgnoreCase);
    }

    private static bool InSections(string key)
    {
        foreach (var section in Sections)
        {
            if (key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string MaskUserInfo(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? value.Replace(uri.UserInfo + "@", Mask + "@", StringComparison.Ordinal)
            : value;
}
