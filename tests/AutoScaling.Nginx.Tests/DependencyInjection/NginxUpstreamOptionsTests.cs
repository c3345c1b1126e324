using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScaling.Nginx.Tests;

/// <summary>Bad options fail at start, naming the field and the value, and nothing is written.</summary>
public sealed class NginxUpstreamOptionsTests(NginxFixture fixture) : IClassFixture<NginxFixture>
{
    [SkippableTheory]
    [InlineData("web;")]
    [InlineData("web {")]
    [InlineData("web}")]
    [InlineData("web#x")]
    [InlineData("'web'")]
    [InlineData("\"web\"")]
    [InlineData("web\nserver 127.0.0.9:80")]
    [InlineData("we b")]
    [InlineData("")]
    public void An_upstream_name_that_could_inject_configuration_is_refused(string upstream)
    {
        var failures = Validate(o => o.Upstream = upstream);

        var failure = Assert.Single(failures);
        Assert.Contains($"Upstream is {ValidationMessages.Quote(upstream)}", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [SkippableTheory]
    [InlineData("$request_uri;")]
    [InlineData("$uri consistent")]
    [InlineData("$uri}")]
    [InlineData(null)]
    public void A_hash_key_that_could_inject_configuration_is_refused(string? key)
    {
        var failure = Assert.Single(Validate(o =>
        {
            o.Balancing = NginxBalancing.Hash;
            o.HashKey = key;
        }));

        Assert.Contains($"HashKey is {ValidationMessages.Quote(key)}", failure, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Server_parameters_out_of_range_are_named()
    {
        var failures = Validate(o =>
        {
            o.Server.Weight = 0;
            o.Server.MaxFails = -1;
            o.Server.FailTimeout = TimeSpan.Zero;
            o.Server.MaxConnections = -2;
            o.ReloadTimeout = TimeSpan.Zero;
        });

        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.Contains("Server:Weight is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Server:MaxFails is -1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Server:FailTimeout is 00:00:00", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Server:MaxConnections is -2", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ReloadTimeout is 00:00:00", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_missing_binary_fails_and_says_how_to_install()
    {
        var failure = Assert.Single(Validate(o => o.Binary = "/nonexistent/nginx"));

        Assert.Contains("Binary is '/nonexistent/nginx'", failure, StringComparison.Ordinal);
        Assert.Contains("apt-get install nginx", failure, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_unwritable_file_fails()
    {
        var failure = Assert.Single(Validate(o => o.FilePath = "/nonexistent-folder/web.conf"));

        Assert.Contains("FilePath is '/nonexistent-folder/web.conf'", failure, StringComparison.Ordinal);
        Assert.Contains("writable", failure, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_main_configuration_that_does_not_include_the_file_fails_and_says_what_to_add()
    {
        var other = Path.Combine(fixture.Nginx.Directory, "not-included.conf");
        await File.WriteAllTextAsync(other, "# not included\n");

        var failure = Assert.Single(Validate(o => o.FilePath = other));

        Assert.Contains($"does not include '{other}'", failure, StringComparison.Ordinal);
        Assert.Contains($"include {other};", failure, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_fixture_options_are_valid() => Assert.Empty(Validate(_ => { }));

    [SkippableFact]
    public async Task Bad_options_stop_the_host_at_start_and_nothing_is_written()
    {
        NginxFixture.Require();
        var before = await File.ReadAllTextAsync(fixture.OwnedFile);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
            .UseFixed(f => f.Instances = 1)
            .UseInstances(_ => new BusyboxInstanceProvider(fixture.Instances))
            .UseNginxUpstream(o =>
            {
                fixture.Options().CopyTo(o);
                o.Upstream = "web;include /etc/passwd";
            }));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AutoScaling group 'web', NGINX upstream: Upstream is 'web;include /etc/passwd'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(fixture.OwnedFile));
    }

    [SkippableFact]
    public async Task A_missing_owned_file_is_created_empty_at_start_and_the_configuration_then_passes_nginx_t()
    {
        NginxFixture.Require();
        var dir = Directory.CreateTempSubdirectory("as-nginx-new-").FullName;
        try
        {
            var owned = Path.Combine(dir, "web.conf");
            var main = Path.Combine(dir, "nginx.conf");
            await File.WriteAllTextAsync(main, $$"""
                pid {{dir}}/nginx.pid;
                error_log {{dir}}/error.log;
                events { }
                http { include {{owned}}; server { listen 127.0.0.1:{{NginxFixture.Ports.Next()}}; location / { proxy_pass http://web; } } }
                """);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
                .Configure(o => o.MinInstances = 0)
                .UseFixed(f => f.Instances = 0)
                .UseInstances(_ => new BusyboxInstanceProvider(fixture.Instances))
                .UseNginxUpstream(o =>
                {
                    o.Upstream = "web";
                    o.FilePath = owned;
                    o.ConfigurationPath = main;
                    o.PidFile = Path.Combine(dir, "nginx.pid");
                }));
            using var host = builder.Build();

            await host.StartAsync();
            await host.StopAsync();

            Assert.Empty(UpstreamFile.Parse(await File.ReadAllTextAsync(owned)));
            Assert.Null(await new NginxMaster(new NginxUpstreamOptions { ConfigurationPath = main, PidFile = "/x", FilePath = owned, Upstream = "web" }, TimeProvider.System).TestAsync(CancellationToken.None));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public void Both_options_bind_from_configuration()
    {
        NginxFixture.Require();
        var o = fixture.Options();
        var configuration = JsonConfiguration.Parse($$"""
            {
              "Upstream": { "Upstream": "web", "FilePath": "{{o.FilePath}}", "ConfigurationPath": "{{o.ConfigurationPath}}", "Prefix": "{{o.Prefix}}",
                            "PidFile": "{{o.PidFile}}", "Balancing": "Hash", "HashKey": "$request_uri", "HashConsistent": true,
                            "Server": { "MaxFails": 2, "FailTimeout": "00:00:05", "Weight": 3, "MaxConnections": 50 }, "DrainTimeout": "00:00:07" },
              "Status": { "Url": "http://127.0.0.1:{{fixture.Port}}/nginx_status", "Field": "Waiting" }
            }
            """);
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g
            .UseNginxUpstream(configuration.GetSection("Upstream"))
            .UseNginxStubStatus("idle", configuration.GetSection("Status")));
        using var sp = services.BuildServiceProvider();

        var upstream = sp.GetRequiredService<IOptionsMonitor<NginxUpstreamOptions>>().Get("web");
        var status = sp.GetRequiredService<IOptionsMonitor<NginxStubStatusOptions>>().Get(StubStatusOptionsKey.Create("web", "idle"));

        Assert.Equal((NginxBalancing.Hash, "$request_uri", true, TimeSpan.FromSeconds(7)), (upstream.Balancing, upstream.HashKey, upstream.HashConsistent, upstream.DrainTimeout));
        Assert.Equal((2, TimeSpan.FromSeconds(5), 3, 50), (upstream.Server.MaxFails, upstream.Server.FailTimeout, upstream.Server.Weight, upstream.Server.MaxConnections));
        Assert.Equal(NginxStubStatusField.Waiting, status.Field);
        Assert.Contains("    hash $request_uri consistent;\n    server 127.0.0.1:1 weight=3 max_fails=2 fail_timeout=5000ms max_conns=50;\n", UpstreamFile.Render(upstream, [new UpstreamServer("127.0.0.1:1", false)]), StringComparison.Ordinal);
    }

    private List<string> Validate(Action<NginxUpstreamOptions> change)
    {
        NginxFixture.Require();
        var options = fixture.Options(change);
        var result = new NginxUpstreamOptionsValidator().Validate("web", options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
