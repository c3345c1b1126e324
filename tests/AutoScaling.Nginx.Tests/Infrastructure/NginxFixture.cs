using AutoScaling.Testing;

namespace AutoScaling.Nginx.Tests;

/// <summary>
/// One nginx master per test class on this suite's ports (19600-19699): upstream <c>web</c> in the file the router owns
/// (<c>upstream-web.conf</c>), upstream <c>others</c> in a file of the user's (<c>user.conf</c>, where foreign servers
/// go), a server on <see cref="Port"/> that proxies to <c>web</c> and shows <c>stub_status</c> at <c>/nginx_status</c>.
/// </summary>
public sealed class NginxFixture : IAsyncLifetime
{
    private NginxServer? _nginx;

    internal static PortRange Ports { get; } = new(19600, 19699);

    internal NginxServer Nginx => _nginx ?? throw new InvalidOperationException(NginxServer.HowToInstall);

    internal BusyboxHost Instances { get; } = new(Ports);

    public int Port { get; private set; }

    public string OwnedFile => Path.Combine(Nginx.Directory, "upstream-web.conf");

    public string UserFile => Path.Combine(Nginx.Directory, "user.conf");

    public static bool Available => Tools.Nginx is not null && Tools.Busybox is not null;

    public static void Require() => Component.Require(Available, NginxServer.HowToInstall);

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        Port = Ports.Next();
        _nginx = await NginxServer.StartAsync(
            Port,
            dir => $$"""
                include {{dir}}/upstream-web.conf;
                include {{dir}}/user.conf;
                server {
                    listen 127.0.0.1:{{Port}};
                    location / { proxy_pass http://web; proxy_next_upstream error timeout; }
                    location = /nginx_status { stub_status; }
                }
            """,
            async dir =>
            {
                await File.WriteAllTextAsync(Path.Combine(dir, "upstream-web.conf"), UpstreamFile.Render(new NginxUpstreamOptions { Upstream = "web" }, []));
                await File.WriteAllTextAsync(Path.Combine(dir, "user.conf"), "upstream others {\n    server 127.0.0.1:9 down; # placeholder\n}\n");
            },
            "worker_shutdown_timeout 20s;");
    }

    /// <summary>Options for the fixture's master and owned file; <paramref name="configure"/> changes them.</summary>
    internal NginxUpstreamOptions Options(Action<NginxUpstreamOptions>? configure = null)
    {
        var options = new NginxUpstreamOptions
        {
            Upstream = "web",
            FilePath = OwnedFile,
            ConfigurationPath = Nginx.ConfigurationPath,
            Prefix = Nginx.Directory,
            PidFile = Nginx.PidFile,
            DrainTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return options;
    }

    internal NginxUpstreamRouter Router(Action<NginxUpstreamOptions>? configure = null)
    {
        var options = Options(configure);
        return new NginxUpstreamRouter(options, new NginxMaster(options, TimeProvider.System));
    }

    /// <summary>Reloads the master the way the router does, for changes made to the user's files.</summary>
    internal Task ReloadAsync() => new NginxMaster(Options(), TimeProvider.System).ReloadAsync(CancellationToken.None);

    /// <summary>Deregisters whatever a test left in the owned file and stops its busybox instances, so the next test starts empty.</summary>
    internal async Task ResetAsync()
    {
        if (_nginx is not null)
        {
            var router = Router();
            await router.DeregisterAsync(await router.ListAsync(CancellationToken.None), CancellationToken.None);
        }

        Instances.Dispose();
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        Instances.Dispose();
    }
}

/// <summary>Copies options into the ones a builder configures.</summary>
internal static class NginxUpstreamOptionsCopy
{
    public static void CopyTo(this NginxUpstreamOptions from, NginxUpstreamOptions to)
    {
        to.Upstream = from.Upstream;
        to.FilePath = from.FilePath;
        to.ConfigurationPath = from.ConfigurationPath;
        to.Prefix = from.Prefix;
        to.PidFile = from.PidFile;
        to.DrainTimeout = from.DrainTimeout;
        to.ReloadTimeout = from.ReloadTimeout;
        to.Balancing = from.Balancing;
        to.HashKey = from.HashKey;
        to.Server.Weight = from.Server.Weight;
        to.Server.MaxFails = from.Server.MaxFails;
        to.Server.FailTimeout = from.Server.FailTimeout;
        to.Server.MaxConnections = from.Server.MaxConnections;
    }
}
