using System.Diagnostics;
using System.Text;

namespace AutoScaling.Testing;

/// <summary>A process the tests start and own: its output is kept for diagnostics and it is killed by pid.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private bool _disposed;

    private ChildProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
    }

    public int Pid { get; }

    /// <summary>Gets a value indicating whether the process is gone (after <see cref="Dispose"/>: no <c>/proc/PID</c> left).</summary>
    public bool HasExited => _disposed ? !Directory.Exists($"/proc/{Pid}") : _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits (bounded) for the process to end by itself and for its output to be read; returns its exit code.</summary>
    /// <param name="limit">How long to wait at most (then <see cref="OperationCanceledException"/>).</param>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    /// <summary>Sends a signal (STOP, CONT) to exactly this process; after STOP, waits (bounded) until the kernel shows it stopped.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Pid} failed with exit code {kill.ExitCode}.");
        }

        if (signal != "STOP")
        {
            return;
        }

        // /proc/PID/stat: "pid (comm) S ..."; S is T once every thread has stopped.
        var deadline = Environment.TickCount64 + 5000;
        while (Environment.TickCount64 < deadline)
        {
            var stat = await File.ReadAllTextAsync($"/proc/{Pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            if (state is "T" or "t")
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"process {Pid} did not stop within 5 s of SIGSTOP.");
    }
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _disposed = true;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
