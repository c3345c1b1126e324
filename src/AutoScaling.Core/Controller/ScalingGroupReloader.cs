using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AutoScaling.Controller;

/// <summary>
/// Follows configuration changes of one group. A change only marks the group; the controller rebuilds the settings and
/// policies at its next tick (so a burst of file events costs one rebuild and the model has one writer). A model that
/// fails validation is refused with every problem named, and the last good one stays in force.
/// </summary>
internal sealed class ScalingGroupReloader : IDisposable
{
    private readonly string _name;
    private readonly IServiceProvider _services;
    private readonly List<IDisposable> _subscriptions = [];
    private int _pending;

    public ScalingGroupReloader(string name, IServiceProvider services, IEnumerable<IOptionsChangeTokenSource<ScalingGroupOptions>> sources)
    {
        _name = name;
        _services = services;
        foreach (var source in sources)
        {
            if (string.Equals(source.Name ?? Options.DefaultName, name, StringComparison.Ordinal))
            {
                _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, () => Volatile.Write(ref _pending, 1)));
            }
        }
    }

    /// <summary>Gets a value indicating whether a change waits for the next tick.</summary>
    public bool IsPending => Volatile.Read(ref _pending) == 1;

    /// <summary>Gets a value indicating whether the group's settings come from a source that can change.</summary>
    public bool IsWatching => _subscriptions.Count > 0;

    /// <summary>Builds and validates the group's model again if its configuration changed, and puts it in force through the controller.</summary>
    public void ApplyPending(ScalingGroupController controller)
    {
        if (Interlocked.Exchange(ref _pending, 0) == 0)
        {
            return;
        }

        var group = controller.Group;
        var current = group.Model;
        ScalingGroupModel next;
        try
        {
            next = Build(current);
        }
        catch (OptionsValidationException ex)
        {
            Log.ReloadRefused(group.Logger, _name, string.Join(" ", ex.Failures));
            return;
        }
        catch (InvalidOperationException ex)
        {
            Log.ReloadRefused(group.Logger, _name, ex.Message);
            return;
        }

        controller.Apply(next);
        Log.Reloaded(group.Logger, _name, next.Options.MinInstances, next.Options.MaxInstances, next.Policies.Length);
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private ScalingGroupModel Build(ScalingGroupModel current)
    {
        T Get<T>()
            where T : notnull
            => (T)(_services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered."));

        // The factories (not the monitors, which cache) read the configuration as it is now and run every validator;
        // every part is tried, so the refusal names every problem at once.
        var failures = new List<string>();
        var options = Try(() => Get<IOptionsFactory<ScalingGroupOptions>>().Create(_name), failures);
        var composition = Try(() => Get<IOptionsFactory<ScalingGroupComposition>>().Create(_name), failures);
        var policies = composition is null ? [] : composition.Policies.Select(p => Try(() => p.Factory(_services), failures)).ToArray();
        if (failures.Count > 0 || options is null || composition is null)
        {
            throw new OptionsValidationException(_name, typeof(ScalingGroupOptions), failures.Distinct());
        }

        var names = composition.Metrics.Select(m => m.Name).ToArray();
        if (!names.SequenceEqual(current.MetricNames, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"AutoScaling group '{_name}': the metrics cannot change while the host runs (they are {string.Join(", ", current.MetricNames)}).");
        }

        return current with { Options = options, Policies = policies! };
    }

    private static T? Try<T>(Func<T> build, List<string> failures)
        where T : class
    {
        try
        {
            return build();
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
            return null;
        }
    }
}
