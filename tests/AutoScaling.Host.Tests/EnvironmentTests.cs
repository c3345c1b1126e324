using AutoScaling.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Host.Tests;

/// <summary>Process-wide environment variables: alone, so no other test (and no child process) sees them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariablesAlone
{
    public const string Name = "environment variables";
}

/// <summary>A group from environment variables alone, and the environment overriding the --config file.</summary>
[Collection(EnvironmentVariablesAlone.Name)]
public sealed class EnvironmentTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["AutoScaling__Groups__envweb__MinInstances"] = "2",
        ["AutoScaling__Groups__envweb__MaxInstances"] = "7",
        ["AutoScaling__Groups__envweb__Metrics__rps__Type"] = "InMemory",
        ["AutoScaling__Groups__envweb__Metrics__rps__Value"] = "120",
        ["AutoScaling__Groups__envweb__Instances__Type"] = "InMemory",
        ["AutoScaling__Groups__envweb__Policies__0__Type"] = "TargetTracking",
        ["AutoScaling__Groups__envweb__Policies__0__Metric"] = "rps",
        ["AutoScaling__Groups__envweb__Policies__0__TargetPerInstance"] = "50",
        ["Host__ControlApi__OperatorKey"] = "env-operator-key-0123456789",
    };

    [Fact]
    public void A_group_comes_from_environment_variables_alone()
    {
        using var env = new Scope(Variables);
        using var built = InProcessHost.Build(json: null);

        Assert.Empty(built.Problems);
        Assert.Equal(["envweb"], built.Groups);
        var options = built.App.Services.GetRequiredService<IOptionsMonitor<ScalingGroupOptions>>().Get("envweb");
        Assert.Equal((2, 7), (options.MinInstances, options.MaxInstances));
    }

    [Fact]
    public async Task The_environment_overrides_the_config_file_and_secrets_stay_masked()
    {
        using var env = new Scope(Variables);
        const string file = """
            { "AutoScaling": { "Groups": { "envweb": { "MinInstances": 1, "MaxInstances": 3 } } } }
            """;

        var (exit, output, _) = await InProcessHost.RunAsync(file, "--print-config");

        Assert.Equal(Autoscaler.ExitOk, exit);
        Assert.Contains("AutoScaling:Groups:envweb:MinInstances = 2", output, StringComparison.Ordinal);
        Assert.Contains("AutoScaling:Groups:envweb:MaxInstances = 7", output, StringComparison.Ordinal);
        Assert.Contains("Host:ControlApi:OperatorKey = ***", output, StringComparison.Ordinal);
        Assert.DoesNotContain("env-operator-key", output, StringComparison.Ordinal);
    }

    /// <summary>Sets variables for one test and restores what was there.</summary>
    private sealed class Scope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = [];

        public Scope(Dictionary<string, string> variables)
        {
            foreach (var (key, value) in variables)
            {
                _previous[key] = Environment.GetEnvironmentVariable(key);
                Environment.SetEnvironmentVariable(key, value);
            }
        }

        public void Dispose()
        {
            foreach (var (key, value) in _previous)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }
}
