using Microsoft.Extensions.Options;

namespace AutoScaling.Nginx;

/// <summary>
/// Refuses at start any value that could inject configuration into the owned file, and checks what the router needs:
/// the nginx binary, a writable file in a writable folder, and a main configuration that includes the file
/// (<c>nginx -T</c> lists every file it includes). Nothing is written.
/// </summary>
internal sealed class NginxUpstreamOptionsValidator : IValidateOptions<NginxUpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, NginxUpstreamOptions options)
    {
        var m = new ValidationMessages(name ?? string.Empty, "NGINX upstream");
        if (!NginxSyntax.IsName(options.Upstream))
        {
            m.Add(nameof(options.Upstream), options.Upstream, NginxSyntax.NameRule);
        }

        if (options.Balancing == NginxBalancing.Hash ? !NginxSyntax.IsHashKey(options.HashKey) : options.HashKey is not null)
        {
            m.Add(nameof(options.HashKey), options.HashKey, options.Balancing == NginxBalancing.Hash ? NginxSyntax.HashKeyRule : $"it is only used with Balancing {NginxBalancing.Hash}, and Balancing is {options.Balancing}");
        }

        if (!Enum.IsDefined(options.Balancing))
        {
            m.Add(nameof(options.Balancing), options.Balancing, "it must be LeastConnections, RoundRobin, IpHash or Hash");
        }

        ValidateServer(m, options.Server);
        m.Positive(nameof(options.ReloadTimeout), options.ReloadTimeout);
        m.NotNegative(nameof(options.DrainTimeout), options.DrainTimeout);
        if (!Path.IsPathFullyQualified(options.PidFile))
        {
            m.Add(nameof(options.PidFile), options.PidFile, "it must be an absolute path: the master's 'pid' file");
        }

        if (m.Failures.Count == 0)
        {
            ValidateFiles(m, options);
        }

        return m.ToResult();
    }

    private static void ValidateServer(ValidationMessages m, NginxServerParameters server)
    {
        if (server.MaxFails is { } maxFails)
        {
            m.NotNegative("Server:MaxFails", maxFails);
        }

        if (server.FailTimeout is { } failTimeout)
        {
            m.Positive("Server:FailTimeout", failTimeout);
        }

        if (server.Weight is { } weight)
        {
            m.AtLeast("Server:Weight", weight, 1);
        }

        if (server.MaxConnections is { } maxConns)
        {
            m.NotNegative("Server:MaxConnections", maxConns);
        }

        if (server.SlowStart is { } slowStart)
        {
            m.NotNegative("Server:SlowStart", slowStart);
        }
    }

    private static void ValidateFiles(ValidationMessages m, NginxUpstreamOptions options)
    {
        if (!Path.IsPathFullyQualified(options.FilePath))
        {
            m.Add(nameof(options.FilePath), options.FilePath, "it must be an absolute path to the file this library owns (the user's configuration includes it)");
            return;
        }

        var folder = Path.GetDirectoryName(options.FilePath)!;
        if (!Directory.Exists(folder) || NativeMethods.Access(folder, NativeMethods.W_OK) != 0
            || (File.Exists(options.FilePath) && NativeMethods.Access(options.FilePath, NativeMethods.W_OK) != 0))
        {
            m.Add(nameof(options.FilePath), options.FilePath, $"it must be writable by this process, in a folder it can write ('{folder}'): the file is replaced by a rename; create the folder or change its owner");
            return;
        }

        if (NginxMaster.FindBinary(options.Binary) is null)
        {
            m.Add(nameof(options.Binary), options.Binary, "nginx was not found there (on PATH or in /usr/sbin); install it (apt-get install nginx) or set Binary to its full path");
            return;
        }

        if (!File.Exists(options.ConfigurationPath))
        {
            m.Add(nameof(options.ConfigurationPath), options.ConfigurationPath, "the main configuration file does not exist; set it to the file the master runs with (nginx -c)");
            return;
        }

        var (exitCode, output) = new NginxMaster(options, TimeProvider.System).DumpAsync(CancellationToken.None).GetAwaiter().GetResult();
        var owned = Path.GetFullPath(options.FilePath);
        var included = exitCode == 0
            ? output.Contains($"# configuration file {owned}:", StringComparison.Ordinal)
            : output.Contains($"open() \"{owned}\" failed", StringComparison.Ordinal); // included, not written yet
        if (!included)
        {
            m.Add(nameof(options.ConfigurationPath), options.ConfigurationPath, exitCode == 0
                ? $"it does not include '{owned}'; add 'include {owned};' inside its http {{ }} block, and proxy_pass http://{options.Upstream}; where the group serves"
                : $"nginx -T cannot read it: {output.ReplaceLineEndings(" | ").Trim()}");
        }
    }
}
