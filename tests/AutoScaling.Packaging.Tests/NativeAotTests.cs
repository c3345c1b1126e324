using AutoScaling.Testing;

namespace AutoScaling.Packaging.Tests;

/// <summary>samples/NativeAot published with PublishAot: no trim or AOT warning (warnings fail the publish), and the binary runs.</summary>
public sealed class NativeAotTests
{
    [SkippableFact]
    public async Task Sample_publishes_with_zero_trim_and_aot_warnings_and_runs()
    {
        Component.Require(Tools.Find("clang") is not null, "clang is not installed, native AOT cannot link (run ./build.sh setup: scripts/setup/native-aot.sh)");
        var output = DotnetCli.TempDirectory("autoscaling-aot");
        try
        {
            var project = Path.Combine(DotnetCli.RepositoryRoot, "samples", "NativeAot", "NativeAot.csproj");
            var (exit, log) = await DotnetCli.RunAsync(DotnetCli.RepositoryRoot, TimeSpan.FromMinutes(20), "publish", project, "-c", "Release", "-o", output, "-warnaserror");

            Assert.True(exit == 0, $"native AOT publish failed ({exit}):\n{log}");
            Assert.DoesNotContain(" warning IL", log, StringComparison.Ordinal);
            var binary = Path.Combine(output, "NativeAot");
            Assert.True(File.Exists(binary), "no native binary at " + binary);
            Assert.False(File.Exists(Path.Combine(output, "NativeAot.dll")), "a managed NativeAot.dll was published: not a native AOT build");

            var (code, printed) = await DotnetCli.RunProgramAsync(binary, output, TimeSpan.FromMinutes(1));

            Assert.True(code == 0, $"the native binary exited with {code}:\n{printed}");
            Assert.Contains("in-memory group: 2 active", printed, StringComparison.Ordinal);
            Assert.Contains("bound options: image autoscaling-test:local, ports 18590-18599", printed, StringComparison.Ordinal);
            if (File.Exists("/var/run/docker.sock"))
            {
                Assert.Contains("through Docker.DotNet", printed, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
