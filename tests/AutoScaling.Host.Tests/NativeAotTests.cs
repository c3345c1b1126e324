using AutoScaling.Testing;

namespace AutoScaling.Host.Tests;

/// <summary>
/// The host published with native AOT (zero trim/AOT warnings: they fail the publish), the scenario on the native
/// binary, then the FROM-scratch image built from it and the scenario in a container. Slow (ILC): done once.
/// </summary>
public sealed class NativeAotTests
{
    [SkippableFact]
    public async Task Publishes_with_zero_warnings_and_runs_native_and_as_a_from_scratch_image()
    {
        Component.Require(Tools.Find("clang") is not null, "clang is not installed, native AOT cannot link (run ./build.sh setup: scripts/setup/native-aot.sh)");
        var output = Directory.CreateTempSubdirectory("autoscaler-aot").FullName;
        try
        {
            var project = Path.Combine(InProcessHost.RepositoryRoot, "src", "AutoScaling.Host", "AutoScaling.Host.csproj");
            var (exit, log) = await RunAsync("dotnet", TimeSpan.FromMinutes(30), "publish", project, "-c", "Release", "-o", output, "-warnaserror");
            Assert.True(exit == 0, $"native AOT publish failed ({exit}):\n{log}");
            Assert.DoesNotContain(" warning IL", log, StringComparison.Ordinal);
            var binary = Path.Combine(output, "autoscaler");
            Assert.True(File.Exists(binary), "no native binary at " + binary);
            Assert.False(File.Exists(Path.Combine(output, "autoscaler.dll")), "a managed autoscaler.dll was published: not a native AOT build");

            await HostScenario.InvalidAsync((config, env) => HostProcess.Start(binary, env, ["--config", config]));
            await HostScenario.RunAsync((config, env) => HostProcess.Start(binary, env, ["--config", config]));

            Component.Require(File.Exists("/var/run/docker.sock"), "dockerd is not running (run ./build.sh setup: scripts/setup/docker.sh)");
            await ImageScenarioAsync(output);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task ImageScenarioAsync(string publishDirectory)
    {
        var tag = $"autoscaler-test:{Environment.ProcessId}";
        var script = Path.Combine(InProcessHost.RepositoryRoot, "scripts", "docker", "host-image", "build.sh");
        var (built, log) = await RunAsync("bash", TimeSpan.FromMinutes(5), script, publishDirectory, tag);
        Assert.True(built == 0, $"the image did not build ({built}):\n{log}");
        var containers = new List<string>();
        try
        {
            HostProcess Docker(string config, IReadOnlyDictionary<string, string> environment)
            {
                var name = $"autoscaler-test-{Guid.NewGuid():N}";
                containers.Add(name);
                var args = new List<string> { "run", "--rm", "--name", name, "--network", "host", "-v", $"{Path.GetDirectoryName(config)}:/config" };
                foreach (var (key, value) in environment)
                {
                    args.AddRange(["-e", $"{key}={value}"]);
                }

                args.AddRange([tag, "--config", "/config/" + Path.GetFileName(config)]);
                return HostProcess.Start("docker", new Dictionary<string, string>(), args);
            }

            await HostScenario.InvalidAsync(Docker);
            await HostScenario.RunAsync(Docker);
        }
        finally
        {
            foreach (var name in containers)
            {
                await RunAsync("docker", TimeSpan.FromMinutes(1), "rm", "-f", name); // ours, by name; gone already when it ended
            }

            await RunAsync("docker", TimeSpan.FromMinutes(1), "rmi", tag);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, TimeSpan limit, params string[] args)
    {
        using var process = HostProcess.Start(file, new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }, args);
        try
        {
            return (await process.WaitAsync(limit), process.Output);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not end within {limit}:\n{process.Output}");
        }
    }
}
