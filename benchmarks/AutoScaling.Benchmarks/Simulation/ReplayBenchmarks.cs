using AutoScaling.Policies;
using AutoScaling.Simulation;
using BenchmarkDotNet.Attributes;

namespace AutoScaling.Benchmarks.Simulation;

/// <summary>
/// A whole replay of the NASA trace (84,332 one-minute buckets, ../shared/traces) with target tracking and the HPA's
/// defaults; a step is one evaluation of the group plus the simulated instances' update. Steps per second = the
/// replay's evaluations (returned, and in the results' notes) / the mean time.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private LoadTrace _trace = null!;
    private Simulator _every60s = null!;
    private Simulator _every15s = null!;

    /// <summary>Loads the trace and warms both simulators up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _trace = LoadTrace.Load(SharedTrace("nasa_http_1995_1min.csv"));
        _every60s = Build(TimeSpan.FromSeconds(60));
        _every15s = Build(TimeSpan.FromSeconds(15));
        Console.WriteLine($"// steps: {_every60s.Run(_trace).Evaluations} at 60 s, {_every15s.Run(_trace).Evaluations} at 15 s");
    }

    /// <summary>The NASA trace evaluated every 60 s.</summary>
    /// <returns>The evaluations (steps).</returns>
    [Benchmark(Baseline = true)]
    public int NasaEvery60s() => _every60s.Run(_trace).Evaluations;

    /// <summary>The NASA trace evaluated every 15 s (the group's default interval).</summary>
    /// <returns>The evaluations (steps).</returns>
    [Benchmark]
    public int NasaEvery15s() => _every15s.Run(_trace).Evaluations;

    private static Simulator Build(TimeSpan interval)
    {
        var group = new ScalingGroupOptions { MinInstances = 1, MaxInstances = 20, Interval = interval };
        var policy = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 0.5 });
        var options = new SimulationOptions { CapacityPerInstance = 0.5, StartupDelay = TimeSpan.FromSeconds(30), RateWindow = TimeSpan.FromMinutes(2), MetricDelay = TimeSpan.FromSeconds(15) };
        return new Simulator("nasa", group, [policy], options);
    }

    private static string SharedTrace(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "traces", file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return Path.Combine(Environment.GetEnvironmentVariable("AUTOSCALING_TRACES") ?? ".", file);
    }
}
