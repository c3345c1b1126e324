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
}
