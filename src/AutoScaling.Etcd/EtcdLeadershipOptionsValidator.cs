using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoScaling.Etcd;

/// <summary>Checks <see cref="EtcdLeadershipOptions"/> at start; messages name the field and the value (never the password).</summary>
internal sealed class EtcdLeadershipOptionsValidator : IValidateOptions<EtcdLeadershipOptions>
{
    private const string Path = "AutoScaling:Leadership:Etcd";

    public ValidateOptionsResult Validate(string? name, EtcdLeadershipOptions options)
    {
        var problems = new List<string>();
        if (options.Endpoints.Count == 0)
        {
            problems.Add($"{Path}:Endpoints is empty: give at least one etcd client URL such as http://127.0.0.1:2379.");
        }

        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.UserInfo))
            {
                problems.Add(Invariant($"{Path}:Endpoints:{i} is '{endpoint}': expected http://host:port or https://host:port (credentials go in Username and Password)."));
            }
        }

        if (options.LeaseTtl < TimeSpan.FromSeconds(2) || options.LeaseTtl.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add(Invariant($"{Path}:LeaseTtl is {options.LeaseTtl}: etcd leases are whole seconds, at least 2 s."));
        }

        if (options.SafetyMargin <= TimeSpan.Zero || options.SafetyMargin * 2 >= options.LeaseTtl)
        {
            problems.Add(Invariant($"{Path}:SafetyMargin is {options.SafetyMargin}: must be positive and less than half of LeaseTtl ({options.LeaseTtl})."));
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout * 3 > options.LeaseTtl - options.SafetyMargin)
        {
            problems.Add(Invariant($"{Path}:RequestTimeout is {options.RequestTimeout}: must be positive and at most a third of LeaseTtl - SafetyMargin, so a leader can retry a keep-alive before it must stop acting."));
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > options.LeaseTtl)
        {
            problems.Add(Invariant($"{Path}:PollInterval is {options.PollInterval}: must be positive and at most LeaseTtl ({options.LeaseTtl})."));
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix[^1] != '/')
        {
            problems.Add($"{Path}:KeyPrefix is '{options.KeyPrefix}': must end with '/' (election keys are the prefix followed by the election's name).");
        }

        if (!ScalingGroupNamesCheck(options.HostElection))
        {
            problems.Add($"{Path}:HostElection is '{options.HostElection}': use letters, digits, '_', '.' and '-' only.");
        }

        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            problems.Add($"{Path}:Username and Password go together: {(string.IsNullOrEmpty(options.Username) ? "Password is set (not shown) but Username is empty" : $"Username is '{options.Username}' but Password is empty")}.");
        }

        CheckFile(problems, "TrustedCaFile", options.TrustedCaFile);
        CheckFile(problems, "ClientCertificateFile", options.ClientCertificateFile);
        CheckFile(problems, "ClientKeyFile", options.ClientKeyFile);
        if (string.IsNullOrEmpty(options.ClientCertificateFile) != string.IsNullOrEmpty(options.ClientKeyFile))
        {
            problems.Add($"{Path}:ClientCertificateFile ('{options.ClientCertificateFile}') and ClientKeyFile ('{options.ClientKeyFile}') go together.");
        }

        var tls = !string.IsNullOrEmpty(options.TrustedCaFile) || !string.IsNullOrEmpty(options.ClientCertificateFile);
        if (tls && options.Endpoints.Any(e => e.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{Path}:Endpoints has http:// URLs but TLS files are set: use https:// endpoints with TLS.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool ScalingGroupNamesCheck(string? name)
        => !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    private static void CheckFile(List<string> problems, string field, string? path)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            problems.Add($"{Path}:{field} is '{path}': no such file.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
