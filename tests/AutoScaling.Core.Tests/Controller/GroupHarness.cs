using AutoScaling.Controller;
using AutoScaling.InMemory;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AutoScaling.Tests.Controller;

/// <summary>A group composed through the real DI path, over in-memory instances and a manual clock.</summary>
internal sealed class GroupHarness : IDisposable
{
    private readonly Func<RecordingProvider?> _recorder;

    private GroupHarness(ServiceProvider services, ManualTimeProvider time, InMemoryInstanceStore store, Func<RecordingProvider?> recorder)
    {
        Services = services;
        Time = time;
        Store = store;
        _recorder = recorder;
        Control = services.GetRequiredService<IAutoScalingControl>();
        Controller = services.GetRequiredService<ScalingGroupRegistry>().Get("web");
    }

    public ServiceProvider Services { get; }

    public ManualTimeProvider Time { get; }

    public InMemoryInstanceStore Store { get; }

    public RecordingProvider Recorder => _recorder() ?? throw new InvalidOperationException("The group was not built.");

    public IAutoScalingControl Control { get; }

    public ScalingGroupController Controller { get; }

    public static GroupHarness Create(
        Action<IScalingGroupBuilder> compose,
        Action<ScalingGroupOptions>? options = null,
        Action<InMemoryInstanceOptions>? instances = null,
        InMemoryInstanceStore? store = null,
        ManualTimeProvider? time = null,
        FakeLogCollector? logs = null)
    {
        time ??= new ManualTimeProvider();
        store ??= new InMemoryInstanceStore();
        RecordingProvider? recorder = null;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs));
            }
        });
        services.AddAutoScaling().AddScalingGroup("web", g =>
        {
            g.Configure(o =>
            {
                o.MinInstances = 0;
                o.MaxInstances = 20;
                o.Interval = TimeSpan.FromSeconds(15);
                o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
                o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(100, TimeSpan.FromSeconds(15)));
                o.InstanceCheckInterval = TimeSpan.FromSeconds(1);
                options?.Invoke(o);
            });
            g.UseInMemoryInstances(i =>
            {
                i.StartupDelay = TimeSpan.FromSeconds(10);
                instances?.Invoke(i);
            }, store);
            g.DecorateInstances((sp, inner) => recorder = new RecordingProvider(inner, sp.GetRequiredService<TimeProvider>()));
            compose(g);
        });
        var provider = services.BuildServiceProvider();
        return new GroupHarness(provider, time, store, () => recorder);
    }

    /// <summary>Runs one tick, moving the manual clock whenever the controller waits on it.</summary>
    public async Task<ScalingDecision?> TickAsync(TimeSpan? step = null)
    {
        var task = Controller.TickAsync(CancellationToken.None);
        for (var i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            if (Time.ArmedTimers > 0)
            {
                Time.Advance(step ?? TimeSpan.FromSeconds(1));
            }
            else
            {
                await Task.Yield(); // let the tick's continuations run; no real time passes
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose() => Services.Dispose();
}

/// <summary>A real decorator (not a mock) that records what the controller asked of the provider, and how many calls overlapped.</summary>
internal sealed class RecordingProvider(IInstanceProvider inner, TimeProvider time) : IInstanceProvider
{
    private int _inFlight;

    public List<DateTimeOffset> Provisioned { get; } = [];

    public List<string> Decommissioned { get; } = [];

    public int MaxInFlight { get; private set; }

    public TimeSpan ProvisionLatency { get; set; }

    /// <summary>Gets or sets a value indicating whether every provisioning fails (a backend that is down).</summary>
    public bool FailProvisions { get; set; }

    /// <summary>Gets or sets how many provisionings succeed before the rest fail; <see langword="null"/> for no limit.</summary>
    public int? SucceedOnly { get; set; }

    public int Listings { get; private set; }

    /// <summary>Gets or sets what every listing throws (e.g. a provider that is unavailable); <see langword="null"/> lists.</summary>
    public Exception? FailListings { get; set; }

    /// <summary>Gets or sets what runs after each provisioning succeeded (e.g. the provider going away mid-action).</summary>
    public Action? AfterProvision { get; set; }

    /// <summary>Gets the calls in order (<c>provision</c>, <c>decommission {id}</c>), shared with a <see cref="TestRouter"/> when one records into it.</summary>
    public List<string> Calls { get; set; } = [];

    public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        Listings++;
        return FailListings is { } failure ? throw failure : inner.ListAsync(cancellationToken);
    }

    public async ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _inFlight);
        lock (Provisioned)
        {
            MaxInFlight = Math.Max(MaxInFlight, n);
            Provisioned.Add(time.GetUtcNow());
        }

        try
        {
            if (ProvisionLatency > TimeSpan.Zero)
            {
                await Task.Delay(ProvisionLatency, time, cancellationToken);
            }

            lock (Calls)
            {
                Calls.Add("provision");
                if (FailProvisions || SucceedOnly is <= 0)
                {
                    throw new InstanceProviderException("The backend refused (test).");
                }

                SucceedOnly--;
            }

            var instance = await inner.ProvisionAsync(cancellationToken);
            AfterProvision?.Invoke();
            return instance;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        lock (Decommissioned)
        {
            Decommissioned.Add(instance.Id);
        }

        lock (Calls)
        {
            Calls.Add("decommission " + instance.Id);
        }

        return inner.DecommissionAsync(instance, cancellationToken);
    }
}
