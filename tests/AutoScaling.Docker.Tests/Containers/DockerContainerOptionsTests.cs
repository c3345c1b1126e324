using AutoScaling.Testing;
using AutoScaling.Docker.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Docker.Tests.Containers;

public sealed class DockerContainerOptionsTests
{
    private static DockerContainerOptions Valid() => new() { Image = "web:local", PortRangeStart = 18100, PortRangeEnd = 18110 };

    [Fact]
    public void Valid_options_pass()
        => Assert.True(new DockerContainerOptionsValidator().Validate("web", Valid()).Succeeded);

    [Theory]
    [InlineData(nameof(DockerContainerOptions.Image), "Image is ''")]
    [InlineData(nameof(DockerContainerOptions.PortRangeStart), "PortRangeStart is 0")]
    [InlineData(nameof(DockerContainerOptions.PortRangeEnd), "PortRangeEnd is 18000; it must not be less than PortRangeStart (18100)")]
    [InlineData(nameof(DockerContainerOptions.StopGracePeriod), "StopGracePeriod is -00:00:01")]
    [InlineData(nameof(DockerContainerOptions.BindAddress), "BindAddress is 'localhost'")]
    [InlineData(nameof(DockerContainerOptions.DockerHost), "DockerHost is 'ssh://host'")]
    [InlineData(nameof(DockerContainerOptions.MemoryLimitBytes), "MemoryLimitBytes is 1000")]
    [InlineData(nameof(DockerContainerOptions.CpuLimit), "CpuLimit is 0")]
    [InlineData(nameof(DockerContainerOptions.Labels), "Labels:io.autoscaling.owner is 'io.autoscaling.owner'")]
    [InlineData(nameof(DockerContainerOptions.HealthCheck), "HealthCheck:Test:0 is 'wget'")]
    [InlineData(nameof(DockerContainerOptions.NamePrefix), "NamePrefix is '-x'")]
    [InlineData(nameof(DockerContainerOptions.PortEnvironmentVariable), "PortEnvironmentVariable is '1PORT'")]
    public void Each_bad_field_is_named_with_its_value(string field, string expected)
    {
        var options = Valid();
        switch (field)
        {
            case nameof(options.Image): options.Image = string.Empty; break;
            case nameof(options.PortRangeStart): options.PortRangeStart = 0; break;
            case nameof(options.PortRangeEnd): options.PortRangeEnd = 18000; break;
            case nameof(options.StopGracePeriod): options.StopGracePeriod = TimeSpan.FromSeconds(-1); break;
            case nameof(options.BindAddress): options.BindAddress = "localhost"; break;
            case nameof(options.DockerHost): options.DockerHost = "ssh://host"; break;
            case nameof(options.MemoryLimitBytes): options.MemoryLimitBytes = 1000; break;
            case nameof(options.CpuLimit): options.CpuLimit = 0; break;
            case nameof(options.Labels): options.Labels["io.autoscaling.owner"] = "me"; break;
            case nameof(options.HealthCheck): options.HealthCheck = new DockerHealthCheckOptions { Test = ["wget", "x"] }; break;
            case nameof(options.NamePrefix): options.NamePrefix = "-x"; break;
            case nameof(options.PortEnvironmentVariable): options.PortEnvironmentVariable = "1PORT"; break;
        }

        var result = new DockerContainerOptionsValidator().Validate("web", options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("AutoScaling group 'web', Docker containers: ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web\nshutdown", @"Image is 'web\nshutdown'; an image reference has no spaces or control characters.")]
    [InlineData("\n", @"Image is '\n'; it is required")]
    [InlineData("web:local\u2028x", @"Image is 'web:local\u2028x'")]
    public void Image_with_a_newline_is_refused_with_the_escaped_form(string image, string expected)
    {
        var options = Valid();
        options.Image = image;

        var failure = Assert.Single(new DockerContainerOptionsValidator().Validate("web", options).Failures!);

        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(failure, c => char.IsControl(c) || c == '\u2028');
    }

    [Theory]
    [InlineData("tcp://admin:s3cret-pw@127.0.0.1:2375")]
    [InlineData("tcp://admin:s3cret-pw@127.0.0.1")]
    public void Docker_host_with_user_info_is_refused_without_repeating_the_credential(string host)
    {
        var options = Valid();
        options.DockerHost = host;

        var failure = Assert.Single(new DockerContainerOptionsValidator().Validate("web", options).Failures!);

        Assert.Contains("DockerHost is '(an address with user info)'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", Assert.Throws<ArgumentException>(() => DockerEndpoint.Parse(host)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_grace_period_is_allowed()
    {
        var options = Valid();
        options.StopGracePeriod = TimeSpan.Zero;
        Assert.True(new DockerContainerOptionsValidator().Validate("web", options).Succeeded);
    }

    [Fact]
    public void Spec_fills_the_port_everywhere_and_sets_ownership_host_network_init_and_limits()
    {
        var options = Valid();
        options.Command = ["httpd", "-p", "127.0.0.1:{port}"];
        options.Environment["URL"] = "http://127.0.0.1:{port}/";
        options.Labels["team"] = "a";
        options.CpuLimit = 0.5;
        options.MemoryLimitBytes = 64 * 1024 * 1024;
        options.HealthCheck = new DockerHealthCheckOptions { Test = ["CMD", "wget", "http://127.0.0.1:{port}/"], Interval = TimeSpan.FromMilliseconds(500) };

        var spec = ContainerSpec.Create(options, "web", "host-1", 18105);

        Assert.Equal(["httpd", "-p", "127.0.0.1:18105"], spec.Cmd);
        Assert.Null(spec.Entrypoint);
        Assert.Equal(["URL=http://127.0.0.1:18105/", "PORT=18105"], spec.Env);
        Assert.Equal("web", spec.Labels!["io.autoscaling.group"]);
        Assert.Equal("host-1", spec.Labels["io.autoscaling.owner"]);
        Assert.Equal("18105", spec.Labels["io.autoscaling.port"]);
        Assert.Equal("a", spec.Labels["team"]);
        Assert.Equal("host", spec.HostConfig!.NetworkMode);
        Assert.True(spec.HostConfig.Init);
        Assert.Equal(500_000_000L, spec.HostConfig.NanoCPUs);
        Assert.Equal(64L * 1024 * 1024, spec.HostConfig.Memory);
        Assert.Equal(["CMD", "wget", "http://127.0.0.1:18105/"], spec.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromMilliseconds(500), spec.Healthcheck.Interval);
        Assert.Equal("autoscaling-web-18105", ContainerSpec.Name(options, "web", 18105));
        Assert.Equal("autoscaling-web-18105", spec.Name);
    }

    [Fact]
    public void Provider_refuses_invalid_options()
    {
        var error = Assert.Throws<ArgumentException>(() => new DockerContainerProvider("web", new DockerContainerOptions()));
        Assert.Contains("Image is ''", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_binds_configuration_and_validates_on_start()
    {
        var configuration = JsonConfiguration.Parse("""
            {
              "Image": "web:local",
              "Command": [ "httpd", "-p", "127.0.0.1:{port}" ],
              "Environment": { "MODE": "test" },
              "PortRangeStart": 18100,
              "PortRangeEnd": 18109,
              "StopGracePeriod": "00:00:03",
              "Probe": "Http",
              "ProbePath": "/health",
              "HealthCheck": { "Test": [ "CMD", "true" ], "Retries": 7 },
              "CpuLimit": 0.25
            }
            """);
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g.UseFixed(f => f.Instances = 1).UseDockerContainers(configuration));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<DockerContainerOptions>>().Get("web");
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("web:local", options.Image);
        Assert.Equal(["httpd", "-p", "127.0.0.1:{port}"], options.Command);
        Assert.Equal("test", options.Environment["MODE"]);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StopGracePeriod);
        Assert.Equal(ReadinessProbeKind.Http, options.Probe);
        Assert.Equal(7, options.HealthCheck!.Retries);
        Assert.Equal(["CMD", "true"], options.HealthCheck.Test);
        Assert.Equal(0.25, options.CpuLimit);
        Assert.Equal((18100, 18109, "/health"), (options.PortRangeStart, options.PortRangeEnd, options.ProbePath));

        // What the JSON does not name keeps its default.
        Assert.Equal(("127.0.0.1", "PORT", "autoscaling-"), (options.BindAddress, options.PortEnvironmentVariable, options.NamePrefix));
        Assert.Empty(options.Entrypoint);
        Assert.Empty(options.Labels);
        var composition = provider.GetRequiredService<IOptionsMonitor<ScalingGroupComposition>>().Get("web");
        var instances = composition.InstanceProvider!(provider);
        Assert.IsType<DockerContainerProvider>(instances);
        Assert.Same(instances, composition.InstanceProvider!(provider));
    }

    [Fact]
    public void Builder_reports_bad_options_at_start_naming_the_group()
    {
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g.UseFixed(f => f.Instances = 1).UseDockerContainers(o =>
        {
            o.Image = "web:local";
            o.PortRangeStart = 18110;
            o.PortRangeEnd = 18100;
        }));
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AutoScaling group 'web', Docker containers: PortRangeEnd is 18100", error.Message, StringComparison.Ordinal);
    }
}
