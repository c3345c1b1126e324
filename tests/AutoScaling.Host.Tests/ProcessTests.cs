using System.Net;
using System.Net.Sockets;
using AutoScaling.Host.Hosting;

namespace AutoScaling.Host.Tests;

/// <summary>The autoscaler as a process (the framework-dependent build beside the tests), configured by a file and the environment.</summary>
public sealed class ProcessTests
{
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "autoscaler");

    [Fact]
    public Task Serves_health_metrics_and_the_secured_control_API_and_scales_on_its_configuration()
        => HostScenario.RunAsync((config, env) => HostProcess.Start(Executable, env, ["--config", config]));

    [Fact]
    public Task An_invalid_configuration_exits_2_with_every_problem_and_no_stack_trace()
        => HostScenario.InvalidAsync((config, env) => HostProcess.Start(Executable, env, ["--config", config]));

    [Fact]
    public async Task A_port_in_use_exits_1_with_one_readable_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, HostScenario.Ports.Next());
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var json = InProcessHost.Example("inmemory.json").Replace("127.0.0.1:9470", $"127.0.0.1:{port}", StringComparison.Ordinal);

        var (exit, _, error) = await InProcessHost.RunAsync(json);

        Assert.Equal(Autoscaler.ExitFailed, exit);
        Assert.StartsWith("autoscaler: stopped: IOException: Failed to bind to address http://127.0.0.1:" + port, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
