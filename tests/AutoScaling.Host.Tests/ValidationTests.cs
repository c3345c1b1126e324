using AutoScaling.Host.Hosting;

namespace AutoScaling.Host.Tests;

/// <summary>Invalid configuration stops the autoscaler before anything starts, with every problem named on stderr and exit code 2.</summary>
public sealed class ValidationTests
{
    private const string Valid = """
        {
          "AutoScaling": { "Groups": { "web": {
            "Metrics": { "rps": { "Type": "InMemory", "Value": 10 } },
            "Instances": { "Type": "InMemory" },
            "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100 } ] } } },
          "Host": { "ControlApi": { "AllowAnonymous": true } }
        }
        """;

    [Fact]
    public async Task Several_problems_in_several_groups_are_reported_together()
    {
        const string json = """
            {
              "AutoScaling": { "Groups": {
                "web": { "MinInstances": 5, "MaxInstances": 3,
                  "Metrics": { "rps": { "Type": "Prometheus", "Query": "" } },
                  "Instances": { "Type": "InMemory", "FailureRate": 2 },
                  "Policies": [ { "Type": "TargetTracking", "Metric": "rps" } ] },
                "api": { "Interval": "-00:00:01",
                  "Instances": { "Type": "Docker", "Image": "" },
                  "Router": { "Type": "HAProxy", "Backend": "api" },
                  "Policies": [ { "Type": "TargetTracking", "Metric": "nope", "TargetPerInstance": 10 } ] } } },
              "Host": { "ControlApi": { "AllowAnonymous": true } }
            }
            """;

        var (exit, output, error) = await InProcessHost.RunAsync(json);

        Assert.Equal(Autoscaler.ExitInvalid, exit);
        Assert.Empty(output);
        Assert.Contains("nothing was started", error, StringComparison.Ordinal);
        string[] expected =
        [
            "AutoScaling group 'web': MinInstances is 5; it must not be greater than MaxInstances (3).",
            "AutoScaling group 'web', Prometheus metric 'rps': Query is ''",
            "AutoScaling group 'web', TargetTracking policy:",
            "FailureRate is 2",
            "AutoScaling group 'api': Interval is -00:00:01; it must be positive.",
            "AutoScaling group 'api', Docker containers: Image is ''",
            "AutoScaling group 'api', HAProxy backend: SocketPath is null",
            "AutoScaling group 'api': TargetTracking policy: Metric is 'nope'; it is not a metric of the group (known: none).",
        ];
        foreach (var e in expected)
        {
            Assert.Contains(e, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
    }

    [Theory]
    [InlineData("\"Metrics\": { \"rps\": { \"Type\": \"Cpu\" } }", "Metrics:rps:Type is 'Cpu'; it must be one of Prometheus, NginxStubStatus, HAProxyStats, DockerStats, InMemory.")]
    [InlineData("\"Metrics\": { \"rps\": { \"Value\": 1 } }", "Metrics:rps:Type is null; it must be one of Prometheus, NginxStubStatus, HAProxyStats, DockerStats, InMemory.")]
    [InlineData("\"Instances\": { \"Type\": \"Kubernetes\" }", "Instances:Type is 'Kubernetes'; it must be one of Docker, DockerSwarm, HAProxyServerPool, Processes, InMemory.")]
    [InlineData("\"Router\": { \"Type\": \"Envoy\" }", "Router:Type is 'Envoy'; it must be one of HAProxy, Nginx.")]
    [InlineData("\"Policies\": [ { \"Type\": \"Magic\" } ]", "Policies:0:Type is 'Magic'; it must be one of Fixed, TargetTracking, StepScaling, Threshold, NomadThreshold")]
    public async Task An_unknown_or_missing_Type_lists_the_known_ones(string part, string message)
    {
        var json = $$"""
            { "AutoScaling": { "Groups": { "web": { {{part}} } } }, "Host": { "ControlApi": { "AllowAnonymous": true } } }
            """;

        var (exit, _, error) = await InProcessHost.RunAsync(json);

        Assert.Equal(Autoscaler.ExitInvalid, exit);
        Assert.Contains("AutoScaling group 'web': " + message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_unknown_policy_type_of_a_group_is_named_not_only_the_first()
    {
        var json = Valid.Replace("""[ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100 } ]""", """[ { "Type": "Magic" }, { "Type": "Wizard" } ]""", StringComparison.Ordinal);

        var (_, _, error) = await InProcessHost.RunAsync(json);

        Assert.Contains("Policies:0:Type is 'Magic'", error, StringComparison.Ordinal);
        Assert.Contains("Policies:1:Type is 'Wizard'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_instances_and_a_configuration_without_groups_are_refused()
    {
        var (_, _, noInstances) = await InProcessHost.RunAsync(Valid.Replace("\"Instances\": { \"Type\": \"InMemory\" },", string.Empty, StringComparison.Ordinal));
        var (exit, _, noGroups) = await InProcessHost.RunAsync("""{ "Host": { "ControlApi": { "AllowAnonymous": true } } }""");

        Assert.Contains("AutoScaling group 'web': Instances:Type is null; the group needs an instance provider: Docker, DockerSwarm, HAProxyServerPool, Processes, InMemory.", noInstances, StringComparison.Ordinal);
        Assert.Equal(Autoscaler.ExitInvalid, exit);
        Assert.Contains("AutoScaling:Groups has no group", noGroups, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_group_name_is_named()
    {
        var (_, _, error) = await InProcessHost.RunAsync(Valid.Replace("\"web\":", "\"web site\":", StringComparison.Ordinal));

        Assert.Contains("The scaling group name 'web site' is not valid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_control_API_needs_a_key_or_an_explicit_AllowAnonymous()
    {
        var (exit, _, error) = await InProcessHost.RunAsync(Valid.Replace("\"AllowAnonymous\": true", "\"AllowAnonymous\": false", StringComparison.Ordinal));

        Assert.Equal(Autoscaler.ExitInvalid, exit);
        Assert.Contains("Host:ControlApi has no key; set ReaderKey and/or OperatorKey", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_settings_are_checked_and_a_key_is_never_shown()
    {
        var json = Valid.Replace(
            "\"ControlApi\": { \"AllowAnonymous\": true }",
            "\"Urls\": \"127.0.0.1:80\", \"MetricsPath\": \"metrics\", \"ControlApi\": { \"AllowAnonymous\": true, \"ReaderKey\": \"tiny-secret\", \"OperationTimeout\": \"00:00:00\" }",
            StringComparison.Ordinal);

        var (exit, _, error) = await InProcessHost.RunAsync(json);

        Assert.Equal(Autoscaler.ExitInvalid, exit);
        Assert.Contains("Host:Urls is '127.0.0.1:80'; each URL must be absolute, http or https", error, StringComparison.Ordinal);
        Assert.Contains("Host:MetricsPath is 'metrics'; it must start with '/'", error, StringComparison.Ordinal);
        Assert.Contains("Host:ControlApi:OperationTimeout is '00:00:00'; it must be positive", error, StringComparison.Ordinal);
        Assert.Contains("Host:ControlApi:AllowAnonymous is true but a key is set", error, StringComparison.Ordinal);
        Assert.Contains("Host:ControlApi:ReaderKey is *** (11 characters); it must have at least 16.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_in_memory_metric_value_must_be_finite()
    {
        var (_, _, error) = await InProcessHost.RunAsync(Valid.Replace("\"Value\": 10", "\"Value\": \"NaN\"", StringComparison.Ordinal));

        Assert.Contains("AutoScaling group 'web': Metrics:rps:Value is NaN; it must be a finite number.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_prints_the_groups_of_a_valid_configuration_and_exits_0()
    {
        var (exit, output, error) = await InProcessHost.RunAsync(Valid, "--check");

        Assert.Equal(Autoscaler.ExitOk, exit);
        Assert.Equal("autoscaler: the configuration is valid: 1 group(s): web.", output.Trim());
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--config")]
    [InlineData("--check --print-config")]
    public async Task Bad_arguments_print_the_usage_and_exit_2(string args)
    {
        var (exit, _, error) = await InProcessHost.RunAsync(null, args.Split(' '));

        Assert.Equal(Autoscaler.ExitInvalid, exit);
        Assert.Contains("usage: autoscaler", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_named()
    {
        var (exit, _, error) = await InProcessHost.RunAsync(null, "--config", "/nonexistent/autoscaler.json", "--check");

        Assert.Equal(Autoscaler.ExitInvalid, exit);
        Assert.Contains("--config '/nonexistent/autoscaler.json': the file does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_config_masks_every_secret()
    {
        const string json = """
            {
              "AutoScaling": { "Groups": { "web": {
                "Metrics": { "rps": { "Type": "Prometheus", "Server": "http://user:pa55word@127.0.0.1:9090/", "Query": "up", "Password": "prom-password", "BearerToken": "prom-token" } },
                "Instances": { "Type": "Docker", "Image": "x", "Environment": { "DB_URL": "postgres://app:db-secret@127.0.0.1/app" } } } } },
              "Host": { "ControlApi": { "ReaderKey": "reader-key-0123456789", "OperatorKey": "operator-key-0123456789" } }
            }
            """;

        var (exit, output, _) = await InProcessHost.RunAsync(json, "--print-config");

        Assert.Equal(Autoscaler.ExitOk, exit);
        Assert.Contains("AutoScaling:Groups:web:Metrics:rps:Query = up", output, StringComparison.Ordinal);
        Assert.Contains("AutoScaling:Groups:web:Metrics:rps:Server = http://***@127.0.0.1:9090/", output, StringComparison.Ordinal);
        Assert.Contains("Host:ControlApi:ReaderKey = ***", output, StringComparison.Ordinal);
        foreach (var secret in new[] { "pa55word", "prom-password", "prom-token", "db-secret", "reader-key-0123456789", "operator-key-0123456789" })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }
}
