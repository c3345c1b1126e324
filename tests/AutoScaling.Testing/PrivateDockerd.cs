using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Testing;

/// <summary>
/// A second dockerd of the test's own, beside the shared one: its own data root, exec root, pid file and unix socket
/// in a short folder under <c>/tmp</c> (a socket path is limited to 108 bytes), started as
/// <c>scripts/setup/docker.sh</c> starts the shared one (<c>--bridge=none --iptables=false --ip-masq=false</c>, an
/// empty config file). A test may stop it (SIGTERM by pid) and start it again on the same folders; disposal removes
/// its containers by id, stops it by pid, unmounts what it left mounted and deletes the folder.
/// </summary>
/// <remarks>The shared daemon is never stopped: this one is the daemon a test may take away.</remarks>
public sealed class PrivateDockerd : IAsyncDisposable
{
    /// <summary>The image the tests run (built by <c>scripts/setup/docker.sh</c> in the shared daemon).</summary>
    public const string TestImage = "autoscaling-test:local";

    /// <summary>What is missing when this fixture cannot run.</summary>
    public const string HowToInstall = "dockerd or the docker CLI is not installed, or this user is neither root nor allowed 'sudo -n' (run ./build.sh setup: scripts/setup/docker.sh)";

    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_stopLimit = TimeSpan.FromSeconds(60);

    private ChildProcess? _process;

    private PrivateDockerd(string directory) => Directory = directory;

    /// <summary>Gets dockerd's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Binary { get; } = Tools.Find("dockerd");

    /// <summary>Gets the docker CLI's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Cli { get; } = Tools.Find("docker");

    /// <summary>Gets a value indicating whether dockerd and the CLI are installed and this process may run dockerd (root, or <c>sudo -n</c>).</summary>
    public static bool IsAvailable => Binary is not null && Cli is not null && (IsRoot || Run("sudo", ["-n", "true"], TimeSpan.FromSeconds(10)).Exit == 0);

    /// <summary>Gets the folder holding everything of this daemon.</summary>
    public string Directory { get; }

    /// <summary>Gets the daemon's unix socket.</summary>
    public string SocketPath => Path.Combine(Directory, "docker.sock");

    /// <summary>Gets the endpoint for a client: <c>unix://</c> and the socket path (the Docker options' <c>DockerHost</c>).</summary>
    public string Endpoint => "unix://" + SocketPath;

    /// <summary>Gets the pid of the running daemon (or of <c>sudo</c> running it), or <see langword="null"/> while it is stopped.</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Pid : null;

    /// <summary>Gets how long the last start took, from launch until the API answered.</summary>
    public TimeSpan LastStartTime { get; private set; }

    /// <summary>Gets how long the last stop took, from SIGTERM until the process was gone.</summary>
    public TimeSpan LastStopTime { get; private set; }

    /// <summary>Gets the daemon's output so far (for failure messages).</summary>
    public string Output => _process?.Output ?? string.Empty;

    private static bool IsRoot => File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    /// <summary>Starts a private daemon and loads <paramref name="image"/> into it from the shared daemon (<c>docker save</c> → <c>docker load</c>).</summary>
    /// <param name="image">The image to copy over; <see langword="null"/> for none.</param>
    /// <returns>The running daemon.</returns>
    public static async Task<PrivateDockerd> StartAsync(string? image = TestImage)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException(HowToInstall);
        }

        var directory = Path.Combine("/tmp", "as-dockerd-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "daemon.json"), "{}\n"); // settings in /etc/docker/daemon.json cannot clash with the flags
        var daemon = new PrivateDockerd(directory);
        try
        {
            await daemon.StartAgainAsync();
            if (image is not null)
            {
                await daemon.LoadImageAsync(image);
            }

            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the daemon (again) on the same folders and waits until its API answers.</summary>
    /// <returns>A task that completes when the daemon answers.</returns>
    public async Task StartAgainAsync()
    {
        if (Pid is not null)
        {
            throw new InvalidOperationException($"the private dockerd is already running (pid {Pid}).");
        }

        _process?.Dispose();
        var started = Stopwatch.StartNew();
        string[] args =
        [
            "--config-file", Path.Combine(Directory, "daemon.json"), "--bridge=none", "--iptables=false", "--ip-masq=false",
            "--data-root", Path.Combine(Directory, "data"), "--exec-root", Path.Combine(Directory, "exec"),
            "--pidfile", Path.Combine(Directory, "docker.pid"), "--host", Endpoint,
        ];
        _process = IsRoot ? ChildProcess.Start(Binary!, args) : ChildProcess.Start("sudo", ["-n", Binary!, .. args]);
        var up = await Tools.WaitUntilAsync(() => Task.FromResult(_process.HasExited || Docker(["version", "--format", "{{.Server.APIVersion}}"]).Exit == 0), s_startLimit, TimeSpan.FromMilliseconds(100));
        if (!up || _process.HasExited)
        {
            throw new InvalidOperationException($"the private dockerd did not answer on {SocketPath} within {s_startLimit.TotalSeconds} s:\n{Output}");
        }

        LastStartTime = started.Elapsed;
    }

    /// <summary>Stops the daemon: SIGTERM to its pid, then waits (bounded) until it is gone. Containers without a restart policy die with it.</summary>
    /// <returns>A task that completes when the process is gone.</returns>
    public async Task StopAsync()
    {
        if (Pid is not { } pid)
        {
            return;
        }

        var stopping = Stopwatch.StartNew();
        Signal(pid, "TERM");
        var gone = await Tools.WaitUntilAsync(() => Task.FromResult(_process!.HasExited), s_stopLimit, TimeSpan.FromMilliseconds(50));
        LastStopTime = stopping.Elapsed;
        if (!gone)
        {
            throw new InvalidOperationException($"the private dockerd (pid {pid}) did not stop within {s_stopLimit.TotalSeconds} s of SIGTERM:\n{Output}");
        }
    }

    /// <summary>Runs the docker CLI against this daemon (<c>docker -H unix://… ARGS</c>); throws with its output when it fails.</summary>
    /// <param name="args">The CLI's arguments.</param>
    /// <returns>Its standard output.</returns>
    public string DockerChecked(params string[] args)
    {
        var (exit, output) = Docker(args);
        return exit == 0 ? output : throw new InvalidOperationException($"docker -H {Endpoint} {string.Join(' ', args)} failed ({exit}): {output}");
    }

    /// <summary>The ids of the containers this daemon knows (any state), found with <c>docker ps -aq</c> and <paramref name="filters"/>.</summary>
    /// <param name="filters">Filters such as <c>status=running</c> or <c>label=k=v</c>.</param>
    /// <returns>The full container ids.</returns>
    public IReadOnlyList<string> Containers(params string[] filters)
    {
        var args = new List<string> { "ps", "-aq", "--no-trunc" };
        foreach (var filter in filters)
        {
            args.Add("--filter");
            args.Add(filter);
        }

        return DockerChecked([.. args]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Pid is not null)
            {
                // Its containers only (this daemon runs nothing else), each by id, before the daemon goes.
                foreach (var id in Containers())
                {
                    Docker(["rm", "-f", id]);
                }

                await StopAsync();
            }
        }
        finally
        {
            _process?.Dispose(); // SIGKILL by pid if SIGTERM did not end it
            RemoveFolder();
        }
    }

    private static void Signal(int pid, string signal)
    {
        var (exit, output) = IsRoot
            ? Run("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10))
            : Run("sudo", ["-n", "kill", "-" + signal, pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (exit != 0 && System.IO.Directory.Exists($"/proc/{pid}"))
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed ({exit}): {output}");
        }
    }

    private static (int Exit, string Output) Run(string fileName, IEnumerable<string> args, TimeSpan limit)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill();
                process.WaitForExit();
                return (-1, $"{fileName} did not finish within {limit.TotalSeconds} s");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    private (int Exit, string Output) Docker(IEnumerable<string> args) => Run(IsRoot ? Cli! : "sudo", IsRoot ? ["-H", Endpoint, .. args] : ["-n", Cli!, "-H", Endpoint, .. args], TimeSpan.FromMinutes(1));

    /// <summary>Copies an image from the shared daemon (it may be away for a minute while the lead's run restarts it: retried).</summary>
    private async Task LoadImageAsync(string image)
    {
        var archive = Path.Combine(Directory, "image.tar");
        (int Exit, string Output) save = default;
        var saved = await Tools.WaitUntilAsync(
            () =>
            {
                save = IsRoot ? Run(Cli!, ["save", "-o", archive, image], TimeSpan.FromMinutes(1)) : Run("sudo", ["-n", Cli!, "save", "-o", archive, image], TimeSpan.FromMinutes(1));
                return Task.FromResult(save.Exit == 0);
            },
            TimeSpan.FromSeconds(90),
            TimeSpan.FromSeconds(3));
        if (!saved)
        {
            throw new InvalidOperationException($"docker save {image} from the shared daemon failed: {save.Output}");
        }

        DockerChecked("load", "-q", "-i", archive);
        File.Delete(archive);
    }

    /// <summary>Unmounts what the daemon leaves mounted in its folder (the <c>exec/netns/default</c> namespace stays after it stops), then deletes the folder.</summary>
    private void RemoveFolder()
    {
        var prefix = Directory + "/";
        var mounts = File.ReadLines("/proc/self/mounts")
            .Select(l => l.Split(' ')[1])
            .Where(m => m.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(m => m.Length)
            .ToList();
        foreach (var mount in mounts)
        {
            _ = IsRoot ? Run("umount", [mount], TimeSpan.FromSeconds(30)) : Run("sudo", ["-n", "umount", mount], TimeSpan.FromSeconds(30));
        }

        var (exit, output) = IsRoot ? Run("rm", ["-rf", "--one-file-system", Directory], TimeSpan.FromMinutes(1)) : Run("sudo", ["-n", "rm", "-rf", "--one-file-system", Directory], TimeSpan.FromMinutes(1));
        if (exit != 0)
        {
            throw new InvalidOperationException($"could not remove {Directory}: {output}");
        }
    }
}
