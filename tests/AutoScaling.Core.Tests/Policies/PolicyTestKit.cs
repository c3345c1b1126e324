using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Core.Tests.Policies;

/// <summary>Builds contexts, evaluates policies and wires groups through the real DI path.</summary>
internal static class PolicyTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static MetricSample Valid(double value) => MetricSample.Valid(value, Now);

    public static MetricSample Missing() => MetricSample.Missing(Now, "no series");

    public static MetricSample Failed() => MetricSample.Failed(Now, "timeout");

    /// <summary>Evaluates a policy with the given size and samples.</summary>
    public static ScalingRecommendation Recommend(IScalingPolicy policy, int current, int ready, params (string Name, MetricSample Sample)[] metrics)
    {
        var names = new string[metrics.Length];
        var samples = new MetricSample[metrics.Length];
        for (var i = 0; i < metrics.Length; i++)
        {
            names[i] = metrics[i].Name;
            samples[i] = metrics[i].Sample;
        }

        var context = new ScalingContext("g", Now, current, ready, current - ready, names, samples);
        return policy.Recommend(in context);
    }

    /// <summary>Evaluates a policy on one metric with per-instance samples (<see langword="null"/> value: the instance did not report).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="metric">The metric's name.</param>
    /// <param name="group">The group-level sample.</param>
    /// <param name="current">The group's size; the number of instances when <see langword="null"/>.</param>
    /// <param name="instances">Each instance's state and value.</param>
    public static ScalingRecommendation RecommendPerInstance(IScalingPolicy policy, string metric, MetricSample group, int? current, params (InstanceState State, double? Value)[] instances)
    {
        var states = new InstanceState[instances.Length];
        var samples = new MetricSample[instances.Length];
        var ready = 0;
        for (var i = 0; i < instances.Length; i++)
        {
            states[i] = instances[i].State;
            samples[i] = instances[i].Value is { } v ? Valid(v) : Missing();
            ready += states[i] == InstanceState.Active ? 1 : 0;
        }

        var size = current ?? instances.Length;
        var context = new ScalingContext("g", Now, size, ready, size - ready, [metric], [group]) { InstanceStates = states, InstanceSamples = samples };
        return policy.Recommend(in context);
    }

    /// <summary>Evaluates a policy on one metric with its recent samples, oldest first, the last being the latest (<see langword="null"/>: missing).</summary>
    public static ScalingRecommendation RecommendWithHistory(IScalingPolicy policy, string metric, int current, params double?[] points)
    {
        var history = new MetricSample[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            history[i] = points[i] is { } v ? Valid(v) : Missing();
        }

        var context = new ScalingContext("g", Now, current, current, 0, [metric], [history[^1]]) { History = history };
        return policy.Recommend(in context);
    }

    /// <summary>Measures the bytes allocated on this thread by <paramref name="calls"/> evaluations after a warm-up.</summary>
    public static long AllocatedBytes(IScalingPolicy policy, int current, int ready, string[] names, MetricSample[] samples, int calls = 10_000)
        => AllocatedBytes(() => Evaluate(policy, current, ready, names, samples), calls);

    /// <summary>
    /// Measures the bytes allocated on this thread by <paramref name="calls"/> calls of <paramref name="evaluate"/> after
    /// a warm-up; the least of three rounds. A one-off allocation of the runtime's own (tiered compilation promoting a
    /// method while the machine is busy) can land in one round; an allocation of the code measured lands in every one.
    /// </summary>
    public static long AllocatedBytes(Func<int> evaluate, int calls = 10_000)
    {
        var sink = 0;
        for (var i = 0; i < 2_000; i++)
        {
            sink += evaluate();
        }

        var least = long.MaxValue;
        for (var round = 0; round < 3 && least > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                sink += evaluate();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        GC.KeepAlive(sink);
        return least;
    }

    private static int Evaluate(IScalingPolicy policy, int current, int ready, string[] names, MetricSample[] samples)
    {
        var context = new ScalingContext("g", Now, current, ready, current - ready, names, samples);
        return policy.Recommend(in context).DesiredInstances;
    }

    /// <summary>Messages of a failed validation, or an empty list.</summary>
    public static IReadOnlyList<string> Failures<TOptions>(IValidateOptions<TOptions> validator, TOptions options, string group = "web")
        where TOptions : class
    {
        var result = validator.Validate(PolicyOptionsKey.Create(group, "X", 1), options);
        return result.Failed ? result.Failures!.ToList() : [];
    }

    /// <summary>Builds a service provider with one group bound from configuration (policies from its "Policies" array).</summary>
    public static ServiceProvider GroupFromConfiguration(IDictionary<string, string?> settings, params string[] metrics)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", configuration.GetSection("AutoScaling:Groups:web"), g =>
        {
            foreach (var metric in metrics)
            {
                g.UseMetric(metric, new NoMetricSource());
            }

            g.UseInstances(static _ => new NoInstanceProvider());
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Builds a service provider with one group composed in code.</summary>
    public static ServiceProvider GroupFromCode(Action<IScalingGroupBuilder> configure, params string[] metrics)
    {
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g =>
        {
            foreach (var metric in metrics)
            {
                g.UseMetric(metric, new NoMetricSource());
            }

            g.UseInstances(static _ => new NoInstanceProvider());
            configure(g);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Runs what ValidateOnStart runs at host start.</summary>
    public static void ValidateOnStart(IServiceProvider services)
        => services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>Creates the group's policies the way the controller does.</summary>
    public static IReadOnlyList<IScalingPolicy> CreatePolicies(IServiceProvider services)
        => services.GetRequiredService<IOptionsMonitor<ScalingGroupComposition>>().Get("web").Policies.Select(p => p.Factory(services)).ToList();

    private sealed class NoMetricSource : IMetricSource
    {
        public ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(MetricSample.Missing(Now));
    }

    private sealed class NoInstanceProvider : IInstanceProvider
    {
        public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<ScalingInstance>>([]);

        public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
            => throw new NotSupportedException();
    }
}
