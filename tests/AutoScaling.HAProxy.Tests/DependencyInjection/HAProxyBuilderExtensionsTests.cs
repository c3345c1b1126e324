using AutoScaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.HAProxy.Tests;

/// <summary>UseHAProxyBackend / UseHAProxyServerPool: named options per group, validation, configuration binding, composition.</summary>
public sealed class HAProxyBuilderExtensionsTests
{
    private static ServiceProvider Build(Action<IScalingGroupBuilder> configure, string group = "web")
    {
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup(group, g =>
        {
            g.UseFixed(f => f.Instances = 1);
            configure(g);
        });
        return services.BuildServiceProvider();
    }

    private static ScalingGroupComposition Composition(IServiceProvider sp, string group = "web")
        => sp.GetRequiredService<IOptionsMonitor<ScalingGroupComposition>>().Get(group);

    [Fact]
    public void UseHAProxyBackend_sets_the_groups_router()
    {
        var host = new BusyboxHost(TestPorts.Range);
        using var sp = Build(g => g
            .UseInstances(_ => new BusyboxInstanceProvider(host))
            .UseHAProxyBackend(h =>
            {
                h.SocketPath = "/run/haproxy/admin.sock";
                h.Backend = "web";
                h.ServerNamePrefix = "web-";
            }));

        var composition = Composition(sp);
        Assert.IsType<BusyboxInstanceProvider>(composition.InstanceProvider!(sp)); // the provider stays as it is: no decorator
        var router = Assert.IsType<HAProxyBackendRouter>(composition.Router!(sp));
        Assert.Equal("web-127.0.0.1-8080", router.ServerNameFor(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8080)));
        Assert.Equal("web-", sp.GetRequiredService<IOptionsMonitor<HAProxyBackendOptions>>().Get("web").ServerNamePrefix);
    }

    [Fact]
    public void Server_pool_is_a_provider_without_a_router()
    {
        using var sp = Build(
            g => g.UseHAProxyServerPool(p =>
            {
                p.SocketPath = "/run/haproxy/admin.sock";
                p.Backend = "java";
                p.Servers.Add(new HAProxyPoolServer { Name = "java-service-1", Address = "127.0.0.1:8080" });
            }),
            "java");

        var composition = Composition(sp, "java");
        Assert.IsType<HAProxyServerPoolInstanceProvider>(composition.InstanceProvider!(sp));
        Assert.Null(composition.Router);
    }

    [Fact]
    public void Invalid_backend_options_name_the_group_field_and_value()
    {
        using var sp = Build(g => g.UseInstances(_ => new BusyboxInstanceProvider(new BusyboxHost(TestPorts.Range))).UseHAProxyBackend(h =>
        {
            h.Backend = "web;show info";
            h.ServerNamePrefix = "a b";
            h.TcpEndpoint = "localhost:9999";
            h.Check.Rise = 0;
            h.DrainTimeout = TimeSpan.Zero;
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<HAProxyBackendOptions>>().Get("web"));
        var message = string.Join("\n", ex.Failures);
        Assert.Contains("AutoScaling group 'web', HAProxy backend: Backend is 'web;show info'", message, StringComparison.Ordinal);
        Assert.Contains("ServerNamePrefix is 'a b'", message, StringComparison.Ordinal);
        Assert.Contains("TcpEndpoint is 'localhost:9999'", message, StringComparison.Ordinal);
        Assert.Contains("Check:Rise is 0", message, StringComparison.Ordinal);
        Assert.Contains("DrainTimeout is 00:00:00", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_name_with_a_newline_is_refused_with_the_escaped_form()
    {
        using var sp = Build(g => g.UseInstances(_ => new BusyboxInstanceProvider(new BusyboxHost(TestPorts.Range))).UseHAProxyBackend(h =>
        {
            h.Backend = "web\nshutdown";
            h.SocketPath = "/tmp/a.sock";
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<HAProxyBackendOptions>>().Get("web"));

        var failure = Assert.Single(ex.Failures);
        Assert.Equal(@"AutoScaling group 'web', HAProxy backend: Backend is 'web\nshutdown'; it must match ^[A-Za-z0-9_.:-]+$.", failure);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void Socket_and_tcp_endpoint_are_exclusive()
    {
        using var sp = Build(g => g.UseInstances(_ => new BusyboxInstanceProvider(new BusyboxHost(TestPorts.Range))).UseHAProxyBackend(h =>
        {
            h.Backend = "web";
            h.SocketPath = "/tmp/a.sock";
            h.TcpEndpoint = "127.0.0.1:9999";
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<HAProxyBackendOptions>>().Get("web"));
        Assert.Contains("set exactly one of SocketPath and TcpEndpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_pool_binds_from_appsettings_json()
    {
        var configuration = JsonConfiguration.Parse("""
            {
              "HAProxy": {
                "SocketPath": "/run/haproxy/admin.sock",
                "Backend": "java",
                "DrainTimeout": "00:00:10",
                "Check": { "Interval": "00:00:00.500", "Rise": 2 },
                "Servers": [
                  { "Name": "java-service-1", "Address": "127.0.0.1:8080" },
                  { "Name": "java-service-2", "Address": "127.0.0.1:8081" }
                ]
              }
            }
            """);
        using var sp = Build(g => g.UseHAProxyServerPool(configuration.GetSection("HAProxy")), "java");

        var options = sp.GetRequiredService<IOptionsMonitor<HAProxyServerPoolOptions>>().Get("java");
        Assert.Equal(("/run/haproxy/admin.sock", "java", TimeSpan.FromSeconds(10)), (options.SocketPath, options.Backend, options.DrainTimeout));

        // A partial "Check" object keeps the defaults of the fields it does not name.
        Assert.Equal((true, TimeSpan.FromMilliseconds(500), 2, 2), (options.Check.Enabled, options.Check.Interval, options.Check.Rise, options.Check.Fall));
        Assert.Equal(["java-service-1 127.0.0.1:8080", "java-service-2 127.0.0.1:8081"], options.Servers.Select(s => $"{s.Name} {s.Address}"));
        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)), (options.PollInterval, options.CommandTimeout));
        Assert.IsType<HAProxyServerPoolInstanceProvider>(Composition(sp, "java").InstanceProvider!(sp));
    }

    [Fact]
    public void Server_pool_refuses_duplicate_and_bad_servers()
    {
        using var sp = Build(g => g.UseHAProxyServerPool(p =>
        {
            p.SocketPath = "/run/haproxy/admin.sock";
            p.Backend = "java";
            p.Servers.Add(new HAProxyPoolServer { Name = "java-service-1", Address = "127.0.0.1:8080" });
            p.Servers.Add(new HAProxyPoolServer { Name = "java-service-1", Address = "127.0.0.1:8080" });
            p.Servers.Add(new HAProxyPoolServer { Name = "x\nshow info", Address = "java-host:8080" });
        }), "java");

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<HAProxyServerPoolOptions>>().Get("java"));
        var message = string.Join("\n", ex.Failures);
        Assert.Contains("Servers:1:Name is 'java-service-1'; it must be unique", message, StringComparison.Ordinal);
        Assert.Contains("Servers:1:Address is '127.0.0.1:8080'; it must be unique", message, StringComparison.Ordinal);
        Assert.Contains(@"Servers:2:Name is 'x\nshow info'", message, StringComparison.Ordinal);
        Assert.All(ex.Failures, f => Assert.DoesNotContain('\n', f));
        Assert.Contains("Servers:2:Address is 'java-host:8080'; it must be an IP literal", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_named_per_group()
    {
        var services = new ServiceCollection();
        services.AddAutoScaling()
            .AddScalingGroup("a", g => g.UseFixed(f => f.Instances = 1).UseInstances(_ => new BusyboxInstanceProvider(new BusyboxHost(TestPorts.Range))).UseHAProxyBackend(h => { h.SocketPath = "/a.sock"; h.Backend = "a"; }))
            .AddScalingGroup("b", g => g.UseFixed(f => f.Instances = 1).UseInstances(_ => new BusyboxInstanceProvider(new BusyboxHost(TestPorts.Range))).UseHAProxyBackend(h => { h.SocketPath = "/b.sock"; h.Backend = "b"; }));
        using var sp = services.BuildServiceProvider();
        var monitor = sp.GetRequiredService<IOptionsMonitor<HAProxyBackendOptions>>();
        Assert.Equal(("a", "b"), (monitor.Get("a").Backend, monitor.Get("b").Backend));
    }

    [Fact]
    public void Backend_locks_belong_to_the_host_not_the_process()
    {
        static ServiceProvider Host()
        {
            var services = new ServiceCollection();
            services.AddAutoScaling()
                .AddScalingGroup("a", g => g.UseFixed(f => f.Instances = 1).UseInstances(_ => new BusyboxInstanceProvider(new BusyboxHost(TestPorts.Range))).UseHAProxyBackend(h => { h.SocketPath = "/a.sock"; h.Backend = "a"; }))
                .AddScalingGroup("b", g => g.UseFixed(f => f.Instances = 1).UseInstances(_ => new BusyboxInstanceProvider(new BusyboxHost(TestPorts.Range))).UseHAProxyBackend(h => { h.SocketPath = "/a.sock"; h.Backend = "b"; }));
            return services.BuildServiceProvider();
        }

        using var first = Host();
        using var second = Host();
        _ = Composition(first, "a").Router!(first);
        _ = Composition(first, "b").Router!(first);
        _ = Composition(first, "a").Router!(first); // the same backend again: the same lock

        Assert.Equal(2, first.GetRequiredService<HAProxyBackendLocks>().Count);
        Assert.Equal(0, second.GetRequiredService<HAProxyBackendLocks>().Count);
    }
}
