namespace AutoScaling.Simulation;

/// <summary>
/// Searches target tracking's parameters for the lowest cost whose under-provisioning timeshare τU stays within a bound:
/// every candidate of a grid replayed in parallel (one simulator each), then the winner and the Pareto front of cost
/// against τU. Results do not depend on the order the cores finish in.
/// </summary>
internal static class Tuner
{
    /// <summary>The default grid: 10 targets × 4 tolerances × 5 windows × 3 cooldowns × 2 minimums = 1,200 candidates.</summary>
    public static IReadOnlyList<TuningCandidate> Grid(int baseMin)
    {
        var candidates = new List<TuningCandidate>();
        foreach (var target in new double[] { 40, 45, 50, 55, 60, 65, 70, 75, 80, 90 })
        {
            foreach (var tolerance in new[] { 0, 0.05, 0.1, 0.2 })
            {
                foreach (var window in new[] { 0, 60, 180, 300, 600 })
                {
                    foreach (var cooldown in new[] { 0, 120, 300 })
                    {
                        foreach (var min in new[] { baseMin, baseMin + 1 })
                        {
                            candidates.Add(new TuningCandidate(target, tolerance, TimeSpan.FromSeconds(window), TimeSpan.FromSeconds(cooldown), min));
                        }
                    }
                }
            }
        }

        return candidates;
    }

    /// <summary>Replays every candidate on <paramref name="trace"/>, over all cores; <paramref name="progress"/> hears the count done.</summary>
    public static TuningResult[] Run(string name, LoadTrace trace, ScalingGroupOptions group, SimulationOptions simulation, IReadOnlyList<TuningCandidate> candidates, Action<int>? progress = null)
    {
        var results = new TuningResult[candidates.Count];
        var done = 0;
        Parallel.For(0, candidates.Count, i =>
        {
            var c = candidates[i];
            var policy = PolicyPresets.Create(PolicyPresets.TargetTracking, simulation, c.TargetUtilization, c.Tolerance)!;
            results[i] = new TuningResult(c, new Simulator(name, c.Apply(group), [policy], simulation).Run(trace));
            progress?.Invoke(Interlocked.Increment(ref done));
        });
        return results;
    }

    /// <summary>The cheapest result with τU at most <paramref name="maxTauU"/> percent (ties: lower τU, then the earlier candidate); <see langword="null"/> when none qualifies.</summary>
    public static TuningResult? Winner(IReadOnlyList<TuningResult> results, double maxTauU)
    {
        TuningResult? best = null;
        foreach (var r in results)
        {
            if (r.Scores.TauU <= maxTauU && (best is null || r.Scores.Cost < best.Scores.Cost || (r.Scores.Cost == best.Scores.Cost && r.Scores.TauU < best.Scores.TauU)))
            {
                best = r;
            }
        }

        return best;
    }

    /// <summary>The results no other beats on both cost and τU, cheapest first.</summary>
    public static TuningResult[] ParetoFront(IReadOnlyList<TuningResult> results)
    {
        var front = new List<TuningResult>();
        foreach (var r in results.OrderBy(r => r.Scores.Cost).ThenBy(r => r.Scores.TauU))
        {
            if (front.Count == 0 || r.Scores.TauU < front[^1].Scores.TauU)
            {
                front.Add(r);
            }
        }

        return [.. front];
    }
}
