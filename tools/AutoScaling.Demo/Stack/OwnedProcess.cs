using System.Diagnostics;

namespace AutoScaling.Demo.Stack;

/// <summary>
/// A process the demo started: its output goes to a log file, it is stopped by its pid (SIGTERM, then SIGKILL after a
/// grace period), never by name.
/// </summary>
/// <remarks>
/// It runs in a session of its own (<c>setsid</c>, which execs the program under the same pid): a Ctrl-C in the terminal
/// then reaches the demo alone, which stops the load first, then the autoscaler, the containers, haproxy and prometheus,
/// in that order, instead of every process dying at once under a load still running.
/// </remarks>
internal sealed class OwnedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _copy;

    private OwnedProcess(string name, Process process, Task copy)
    {
        Name = name;
        _process = process;
        _copy = copy;
        Pid = process.Id;
        StartTime = ProcStat.StartTime(Pid) ?? 0; // setsid execs the program: the pid and its start time stay
    }

    /// <summary>Gets what it is (haproxy, prometheus, autoscaler), for messages.</summary>
    public string Name { get; }

    /// <summary>Gets its process id.</summary>
    public int Pid { get; }

    /// <summary>Gets its start time (<see cref="ProcStat.StartTime"/>; 0 if it had already ended).</summary>
    public long StartTime { get; }

    /// <summary>Gets a value indicating whether it has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets its exit code (after it ended).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> in its own session, stdout and stderr appended to <paramref name="logFile"/>.</summary>
    public static OwnedProcess Start(string name, string fileName, IEnumerable<string> args, string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(fileName);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var log = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var copy = CopyAsync(process, log);
        return new OwnedProcess(name, process, copy);
    }

    /// <summary>Stops it: SIGTERM to its pid, SIGKILL if it is still there after <paramref name="grace"/>.</summary>
    /// <returns>Whether it ended within the grace period (false: it had to be killed).</returns>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        Signal("TERM");
        using var wait = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
            return false;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        try
        {
            await _copy.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // the log may miss its last lines; the process is gone
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        try
        {
            ProcStat.Signal(Pid, signal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            _process.Kill();
        }
    }

    private static async Task CopyAsync(Process process, FileStream log)
    {
        await using (log)
        {
            using var gate = new SemaphoreSlim(1, 1);
            await Task.WhenAll(Pump(process.StandardOutput.BaseStream), Pump(process.StandardError.BaseStream));

            async Task Pump(Stream from)
            {
                var buffer = new byte[8192];
                int n;
                while ((n = await from.ReadAsync(buffer)) > 0)
                {
                    await gate.WaitAsync();
                    try
                    {
                        await log.WriteAsync(buffer.AsMemory(0, n));
                        await log.FlushAsync();
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
            }
        }
    }
}
