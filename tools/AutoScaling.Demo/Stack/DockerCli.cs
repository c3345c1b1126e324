using System.Diagnostics;

namespace AutoScaling.Demo.Stack;

/// <summary>
/// The few Docker calls the demo makes itself, through Debian's client (it speaks the daemon's API version): is the
/// image there, and which containers carry this run's owner label, to remove them by id at the end.
/// </summary>
internal static class DockerCli
{
    private static readonly string s_docker = File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

    /// <summary>Whether dockerd answers and has the image; otherwise why not.</summary>
    public static async Task<string?> ProblemAsync(string image)
    {
        var (exit, output) = await RunAsync(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{.Id}}", image);
        return exit == 0 ? null : $"docker cannot use the image {image} ({output.Trim()}); run scripts/setup/docker.sh (./build.sh demo does)";
    }

    /// <summary>The ids of the containers (any state) labelled <c>io.autoscaling.owner=<paramref name="ownerId"/></c>.</summary>
    public static async Task<IReadOnlyList<string>> OwnedAsync(string ownerId)
    {
        var (exit, output) = await RunAsync(TimeSpan.FromSeconds(30), "ps", "-aq", "--no-trunc", "--filter", "label=io.autoscaling.owner=" + ownerId);
        return exit == 0
            ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new InvalidOperationException($"docker ps failed ({exit}): {output.Trim()}");
    }

    /// <summary>Removes one container by id (forced: it stops first).</summary>
    public static async Task<bool> RemoveAsync(string id)
    {
        var (exit, _) = await RunAsync(TimeSpan.FromSeconds(30), "rm", "-f", id);
        return exit == 0;
    }

    private static async Task<(int Exit, string Output)> RunAsync(TimeSpan limit, params string[] args)
    {
        var info = new ProcessStartInfo(s_docker) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process docker;
        try
        {
            docker = Process.Start(info) ?? throw new InvalidOperationException("could not start docker");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"the docker client is not installed ({e.Message})");
        }

        using (docker)
        {
            var output = docker.StandardOutput.ReadToEndAsync();
            var error = docker.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await docker.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                docker.Kill();
                return (124, $"docker {string.Join(' ', args)} did not answer within {limit.TotalSeconds:F0} s");
            }

            return (docker.ExitCode, await output + await error);
        }
    }
}
