using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Nginx;

/// <summary>What a reload did: how long until the new workers ran, and the workers that were serving before it.</summary>
internal readonly record struct NginxReload(TimeSpan Elapsed, IReadOnlyList<int> OldWorkers);

/// <summary>
/// The running NGINX master of one main configuration: <c>nginx -t</c> checks it, a SIGHUP to the pid in the pid file
/// reloads it, and <c>/proc</c> tells when new workers run and old ones have gone. Changes to one main configuration
/// are serialised (<see cref="LockFor"/>) so two groups never interleave their check and reload.
/// </summary>
internal sealed class NginxMaster
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_locks = new(StringComparer.Ordinal);
    private static readonly string[] s_systemDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(10);

    private readonly NginxUpstreamOptions _options;
    private readonly TimeProvider _time;

    public NginxMaster(NginxUpstreamOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Binary = FindBinary(options.Binary) ?? throw new NginxException($"The nginx binary '{options.Binary}' was not found.");
    }

    public string Binary { get; }

    public SemaphoreSlim Lock => LockFor(_options.ConfigurationPath);

    public static SemaphoreSlim LockFor(string configurationPath) => s_locks.GetOrAdd(Path.GetFullPath(configurationPath), _ => new SemaphoreSlim(1, 1));

    /// <summary>Finds the binary: a path as given, or a file name on <c>PATH</c> then in the sbin directories (Debian's nginx is <c>/usr/sbin/nginx</c>).</summary>
    public static string? FindBinary(string binary)
    {
        if (binary.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(binary) ? binary : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(s_systemDirectories).Select(dir => Path.Combine(dir, binary)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <c>nginx -t</c> on the main configuration; returns <see langword="null"/> when NGINX accepts it, else NGINX's message.</summary>
    public async Task<string?> TestAsync(CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync("-t", cancellationToken).ConfigureAwait(false);
        return exitCode == 0 ? null : Errors(output);
    }

    /// <summary>Runs <c>nginx -T</c>: the whole configuration with every included file, or NGINX's message when it cannot read it.</summary>
    public Task<(int ExitCode, string Output)> DumpAsync(CancellationToken cancellationToken) => RunAsync("-T", cancellationToken);

    /// <summary>Sends SIGHUP to the master and waits until every running worker is a new one (the new configuration serves).</summary>
    public async Task<NginxReload> ReloadAsync(CancellationToken cancellationToken)
    {
        var master = ReadMasterPid();
        var before = NginxWorkers.Of(master);
        var started = _time.GetTimestamp();
        if (NativeMethods.Kill(master, NativeMethods.SIGHUP) != 0)
        {
            throw new NginxException($"SIGHUP to the nginx master (pid {master}, from '{_options.PidFile}') failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}: the host must run as the master's user or as root.");
        }

        var old = before.Select(w => w.Pid).ToHashSet();
        while (true)
        {
            var now = NginxWorkers.Of(master);
            var serving = now.Where(w => !w.ShuttingDown).ToList();
            if (serving.Count > 0 && serving.TrueForAll(w => !old.Contains(w.Pid)))
            {
                return new NginxReload(_time.GetElapsedTime(started), [.. old]);
            }

            if (_time.GetElapsedTime(started) > _options.ReloadTimeout)
            {
                throw new NginxException($"The nginx master (pid {master}) did not start new workers within {_options.ReloadTimeout.TotalSeconds:0.###} s of SIGHUP; its error log says why (a port it cannot bind, a file it cannot open).");
            }

            await Task.Delay(s_poll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the <paramref name="workers"/> have exited, at most <paramref name="limit"/>; returns how long it took, or <see langword="null"/> when the limit passed first.</summary>
    public async Task<TimeSpan?> WaitExitedAsync(IReadOnlyList<int> workers, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (!workers.All(NginxWorkers.HasExited))
        {
            if (_time.GetElapsedTime(started) > limit)
            {
                return null;
            }

            await Task.Delay(s_poll, _time, cancellationToken).ConfigureAwait(false);
        }

        return _time.GetElapsedTime(started);
    }

    private int ReadMasterPid()
    {
        string text;
        try
        {
            text = File.ReadAllText(_options.PidFile).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NginxException($"The nginx pid file '{_options.PidFile}' cannot be read ({ex.Message}): is the master running with this pid file (its 'pid' directive)?");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 && !NginxWorkers.HasExited(pid)
            ? pid
            : throw new NginxException($"The nginx pid file '{_options.PidFile}' does not name a running process: is the master running?");
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string flag, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(flag);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(_options.ConfigurationPath);
        if (!string.IsNullOrEmpty(_options.Prefix))
        {
            info.ArgumentList.Add("-p");
            info.ArgumentList.Add(_options.Prefix);
        }

        using var process = Process.Start(info) ?? throw new NginxException($"'{Binary}' could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.ReloadTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(); // this one process, by its pid
            cancellationToken.ThrowIfCancellationRequested();
            throw new NginxException($"'{Binary} {flag}' did not finish within {_options.ReloadTimeout.TotalSeconds:0.###} s.");
        }

        return (process.ExitCode, await stderr.ConfigureAwait(false) + await stdout.ConfigureAwait(false));
    }

    /// <summary>NGINX's error lines (<c>[emerg]</c>, <c>[alert]</c>…) without the "test failed" trailer, on one line.</summary>
    private static string Errors(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("test failed", StringComparison.Ordinal) && !l.Contains("syntax is ok", StringComparison.Ordinal))
            .ToList();
        return lines.Count == 0 ? output.Trim() : string.Join(" | ", lines);
    }
}
