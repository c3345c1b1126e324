using System.Collections.Concurrent;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Integration.Tests;

/// <summary>
/// A hosted scaling group of Docker containers behind the real HAProxy router, with a fixed policy (targets moved with
/// <see cref="IAutoScalingControl.SetManualTarget"/>), whose provider and router calls are written to a <see cref="CallLog"/>.
/// </summary>
internal static class StackGroup
{
    public const string Name = "web";

    public static IHost Build(StackGroupSettings settings, CallLog log, Action<string> note)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(new CallbackLoggerProvider(
            line =>
            {
                log.Add("log " + line);
                note(line);
            },
            LogLevel.Information)).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddAutoScaling()
            .AddScalingGroup(Name, g => g
                .Configure(o =>
                {
                    o.MinInstances = settings.Instances;
                    o.MaxInstances = settings.Instances + 1;
                    o.Interval = TimeSpan.FromMilliseconds(500);
                    o.InstanceCheckInterval = TimeSpan.FromMilliseconds(250);
                    o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
                    o.ReconcileEveryTicks = 2;
                })
                .UseFixed(f => f.Instances = settings.Instances)
                .UseDockerContainers(d =>
                {
                    d.DockerHost = "unix://" + settings.DockerSocket;
                    d.Image = DockerApi.Image;
                    d.Command = ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"];
                    d.PortRangeStart = settings.FirstPort;
                    d.PortRangeEnd = settings.FirstPort + 9;
                    d.OwnerId = settings.Owner;
                    d.Probe = AutoScaling.Docker.ReadinessProbeKind.Http;
                    d.StopGracePeriod = TimeSpan.FromSeconds(2);
                })
                .DecorateInstances((_, inner) => new RecordingProvider(inner, log))
                .UseHAProxyBackend(h =>
                {
                    h.SocketPath = settings.HAProxySocket;
                    h.Backend = Name;
                    h.Check.Interval = TimeSpan.FromMilliseconds(250);
                    h.ServerMaxConnections = 8;
                    h.DrainTimeout = TimeSpan.FromSeconds(10);
                }));
        builder.Services.PostConfigure<ScalingGroupComposition>(Name, c =>
        {
            var inner = c.Router ?? throw new InvalidOperationException("UseHAProxyBackend set no router");
            c.Router = sp => new RecordingRouter(inner(sp), log);
        });
        return builder.Build();
    }

    /// <summary>Instances that are active and routed, as of the group's last look.</summary>
    public static int Ready(IAutoScalingControl control) => control.GetStatus(Name).Instances.Count(i => i.State == InstanceState.Active && i.Route == RouteState.Routed);
}

/// <summary>What a <see cref="StackGroup"/> runs against.</summary>
internal sealed record StackGroupSettings(string HAProxySocket, string DockerSocket, string Owner, int FirstPort, int Instances);

/// <summary>The calls a test observed, in order: provider and router calls, runtime API commands, Docker requests, log lines.</summary>
internal sealed class CallLog
{
    private readonly ConcurrentQueue<string> _events = new();

    public void Add(string e) => _events.Enqueue(e);

    public IReadOnlyList<string> Snapshot() => [.. _events];

    public int Count(string prefix) => _events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>Writes each call of the real provider to the log, then makes it.</summary>
internal sealed class RecordingProvider(IInstanceProvider inner, CallLog log) : IInstanceProvider
{
    public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        log.Add("P.List");
        return inner.ListAsync(cancellationToken);
    }

    public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        log.Add("P.Provision");
        return inner.ProvisionAsync(cancellationToken);
    }

    public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        log.Add("P.Decommission " + instance.Id);
        return inner.DecommissionAsync(instance, cancellationToken);
    }
}

/// <summary>Writes each call of the real router to the log, then makes it.</summary>
internal sealed class RecordingRouter(IInstanceRouter inner, CallLog log) : IInstanceRouter
{
    public ValueTask<IReadOnlyList<RouteRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        log.Add("R.List");
        return inner.ListAsync(cancellationToken);
    }

    public ValueTask RegisterAsync(IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken)
    {
        log.Add("R.Register " + string.Join(",", instances.Select(i => i.Address)));
        return inner.RegisterAsync(instances, cancellationToken);
    }

    public ValueTask DrainAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
    {
        log.Add("R.Drain " + string.Join(",", registrations.Select(r => r.Name)));
        return inner.DrainAsync(registrations, cancellationToken);
    }

    public ValueTask DeregisterAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
    {
        log.Add("R.Deregister " + string.Join(",", registrations.Select(r => r.Name)));
        return inner.DeregisterAsync(registrations, cancellationToken);
    }
}
