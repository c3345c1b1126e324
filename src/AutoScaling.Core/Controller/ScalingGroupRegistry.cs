using System.Threading.RateLimiting;
using AutoScaling.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoScaling.Controller;

/// <summary>Builds each registered group once (at host start) and hands out its controller.</summary>
internal sealed class ScalingGroupRegistry : IDisposable
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, Lazy<ScalingGroupController>> _groups;
    private readonly ConcurrencyLimiter _sharedLimiter;
    private readonly List<IDisposable> _owned = [];

    public ScalingGroupRegistry(IServiceProvider services, IEnumerable<ScalingGroupName> names, IOptions<AutoScalingOptions> options)
    {
        _services = services;
        _sharedLimiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxConcurrentOperations,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _groups = names.ToDictionary(n => n.Name, n => new Lazy<ScalingGroupController>(() => Build(n.Name)), StringComparer.Ordinal);
        GroupNames = _groups.Keys.ToArray();
    }

    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Gets the controller of a group, building the group on first use.</summary>
    public ScalingGroupController Get(string name)
        => _groups.TryGetValue(name, out var group)
            ? group.Value
            : throw new KeyNotFoundException($"There is no scaling group named '{name}'. Registered groups: {string.Join(", ", GroupNames)}.");

    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }
        }

        _sharedLimiter.Dispose();
    }

    private ScalingGroupController Build(string name)
    {
        T Get<T>()
            where T : notnull
            => (T)(_services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered; call AddAutoScaling()."));

        var options = Get<IOptionsMonitor<ScalingGroupOptions>>().Get(name);
        var composition = Get<IOptionsMonitor<ScalingGroupComposition>>().Get(name);
        var provider = composition.InstanceProvider!(_services);
        foreach (var decorate in composition.InstanceProviderDecorators)
        {
            provider = decorate(_services, provider);
        }

        var model = new ScalingGroupModel(
            name,
            options,
            composition.Policies.Select(p => p.Factory(_services)).ToArray(),
            composition.Metrics.Select(m => m.Name).ToArray(),
            composition.Metrics.Select(m => m.Factory(_services)).ToArray(),
            provider,
            composition.Router?.Invoke(_services));
        var loggerFactory = (ILoggerFactory?)_services.GetService(typeof(ILoggerFactory)) ?? NullLoggerFactory.Instance;
        var instruments = Get<AutoScalingInstruments>();
        var election = (_services.GetService(typeof(ILeaderElectionProvider)) as ILeaderElectionProvider)?.GetElection(composition.Election);
        if (election is null && composition.Election is not null)
        {
            throw new InvalidOperationException($"Group '{name}' names the election '{composition.Election}' but no leadership provider is registered (for example AddEtcdLeadership()).");
        }

        var group = new ScalingGroup(model, Get<TimeProvider>(), _sharedLimiter, instruments, loggerFactory.CreateLogger("AutoScaling.ScalingGroup." + name), election);
        instruments.Register(name, () => group.Status);
        var reloader = new ScalingGroupReloader(name, _services, Get<IEnumerable<IOptionsChangeTokenSource<ScalingGroupOptions>>>());
        lock (_owned)
        {
            _owned.Add(reloader);
        }

        return new ScalingGroupController(group, reloader.IsWatching ? reloader : null, Forecasting.MetricHistoryWarmUp.Create(_services, name));
    }
}
