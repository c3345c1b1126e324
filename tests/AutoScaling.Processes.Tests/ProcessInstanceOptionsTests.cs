using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Processes.Tests;

/// <summary>Options: every bad field is named with its value, and configuration binds to the same options as code.</summary>
public sealed class ProcessInstanceOptionsTests
{
    private static ProcessInstanceOptions Valid() => new() { Command = "/usr/bin/busybox", PortRangeStart = 19990, PortRangeEnd = 19999 };

    [Theory]
    [InlineData(nameof(ProcessInstanceOptions.Command), "Command is ''; it is required")]
    [InlineData(nameof(ProcessInstanceOptions.PortRangeEnd), "PortRangeEnd is 19000; it must not be less than PortRangeStart (19990)")]
    [InlineData(nameof(ProcessInstanceOptions.BindAddress), "BindAddress is 'localhost'; it must be an IP address literal")]
    [InlineData(nameof(ProcessInstanceOptions.ProbePath), "ProbePath is 'health'; it must start with '/'")]
    [InlineData(nameof(ProcessInstanceOptions.StopGracePeriod), "StopGracePeriod is -00:00:01")]
    [InlineData(nameof(ProcessInstanceOptions.Environment), "Environment:A=B is 'A=B'")]
    public void Bad_field_is_named_with_its_value(string field, string expected)
    {
        var options = Valid();
        switch (field)
        {
            case nameof(options.Command): options.Command = string.Empty; break;
            case nameof(options.PortRangeEnd): options.PortRangeEnd = 19000; break;
            case nameof(options.BindAddress): options.BindAddress = "localhost"; break;
            case nameof(options.ProbePath): (options.Probe, options.ProbePath) = (ProcessProbeKind.Http, "health"); break;
            case nameof(options.StopGracePeriod): options.StopGracePeriod = TimeSpan.FromSeconds(-1); break;
            default: options.Environment["A=B"] = "x"; break;
        }

        var result = new ProcessInstanceOptionsValidator().Validate("web", options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("AutoScaling group 'web', process instances: ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_options_pass() => Assert.True(new ProcessInstanceOptionsValidator().Validate("web", Valid()).Succeeded);

    [Fact]
    public void Configuration_binds_the_same_options_and_bad_values_stop_the_start()
    {
        var section = JsonConfiguration.Parse("""
            { "Command": "/usr/bin/busybox", "Arguments": [ "httpd", "-f", "-p", "127.0.0.1:{port}" ],
              "PortRangeStart": 19990, "PortRangeEnd": 19991, "Probe": "Http", "ProbePath": "/health", "StopGracePeriod": "00:00:03" }
            """);
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g.UseProcessInstances(section));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ProcessInstanceOptions>>().Get("web");
        Assert.Equal(["httpd", "-f", "-p", "127.0.0.1:{port}"], options.Arguments);
        Assert.Equal((ProcessProbeKind.Http, "/health", TimeSpan.FromSeconds(3)), (options.Probe, options.ProbePath, options.StopGracePeriod));

        var bad = new ServiceCollection();
        bad.AddAutoScaling().AddScalingGroup("web", g => g.UseProcessInstances(o => o.PortRangeStart = 0));
        using var badProvider = bad.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => badProvider.GetRequiredService<IOptionsMonitor<ProcessInstanceOptions>>().Get("web"));
        Assert.Contains("PortRangeStart is 0", error.Message, StringComparison.Ordinal);
    }
}
