using AutoScaling.Policies;

namespace AutoScaling.Simulation;

/// <summary>
/// Searches a policy's parameters and the group's behavior for the lowest cost whose under-provisioning timeshare τU
/// stays within a bound. Two rounds, each replayed in parallel (one simulator per candidate): a grid over the policy's
/// parameters, the scale-down window and the minimum; then, around the cheapest candidates within the bound and just
/// past it, the cooldowns and rate policies of both directions. The winner and the Pareto front of cost against τU
/// come from both rounds. Results do not depend on the order the cores finish in.
/// </summary>
internal static class Tuner
{
    /// <summary>How many first-round results within the bound, and just past it, the second round starts from.</summary>
    private const int SeedsWithin = 6, SeedsPast = 4;

    private static readonly double[] Windows = [0, 60, 180, 300, 600];
    private static readonly double[] HybridWindows = [0, 300];
    private static readonly int[] ScaleInPoints = [20, 35, 50, 65];
    private static readonly int[] ScaleDownPoints = [30, 40, 50, 60, 70];

    /// <summary>The presets the tuner knows.</summary>
    public static IReadOnlyList<string> Presets { get; } = [PolicyPresets.TargetTracking, PolicyPresets.StepScaling, PolicyPresets.Threshold, PolicyPresets.Hybrid];

    /// <summary>
    /// The first round for <paramref name="preset"/>: its parameter grid × 5 scale-down windows × 2 minimums, cooldowns
    /// and rate policies those of the base group. Target tracking: targets 40–100 % × 4 tolerances (520 candidates);
    /// step scaling: thresholds 60–100 % × 3 step sizes × scale-in points 20–65 % at least 10 below (510); thresholds:
    /// scale-up above 70–100 % × scale-down below 30–70 % at least 10 below × 2 step sizes (340); the hybrid: target
    /// tracking at 70–100 % (tolerance 0.1) × the forecast's target 70, 85, 100 % × band 50, 75, 90 % × horizon buffer 0,
    /// 1 min, start-up + 1 min, with scale-down windows 0 and 300 s only (432). A target or threshold
    /// of 100 % leaves no headroom: it wins only when the start-up and the metric's delay are short against the load's
    /// rises.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown preset.</exception>
    public static IReadOnlyList<TuningCandidate> Grid(string preset, ScalingGroupOptions group, TimeSpan startup = default)
    {
        var candidates = new List<TuningCandidate>();
        foreach (var policy in Parameters(preset, startup))
        {
            // The hybrid's grid is wide already, and its forecast holds capacity up ahead of a fall: two windows.
            foreach (var window in preset == PolicyPresets.Hybrid ? HybridWindows : Windows)
            {
                foreach (var min in new[] { group.MinInstances, group.MinInstances + 1 })
                {
                    candidates.Add(new TuningCandidate(policy, min, TimeSpan.FromSeconds(window), group.ScaleDown.Cooldown, group.ScaleUp.Cooldown));
                }
            }
        }

        return candidates;
    }

    /// <summary>
    /// The second round: for each seed, 3 scale-down cooldowns × 2 scale-up cooldowns × 3 scale-down rates × 3 scale-up
    /// rates (54 each), the base group's rates among them.
    /// </summary>
    public static IReadOnlyList<TuningCandidate> Refinements(IEnumerable<TuningCandidate> seeds)
    {
        TunedRate?[] down = [null, new(ScalingRateKind.Percent, 10, TimeSpan.FromSeconds(60)), new(ScalingRateKind.Instances, 1, TimeSpan.FromSeconds(60))];
        TunedRate?[] up = [null, new(ScalingRateKind.Percent, 50, TimeSpan.FromSeconds(60)), new(ScalingRateKind.Percent, 300, TimeSpan.FromSeconds(15))];
        var candidates = new List<TuningCandidate>();
        foreach (var seed in seeds)
        {
            foreach (var downCooldown in new[] { 0, 120, 300 })
            {
                foreach (var upCooldown in new[] { 0, 60 })
                {
                    foreach (var downRate in down)
                    {
                        foreach (var upRate in up)
                        {
                            var candidate = seed with
                            {
                                ScaleDownCooldown = TimeSpan.FromSeconds(downCooldown),
                                ScaleUpCooldown = TimeSpan.FromSeconds(upCooldown),
                                ScaleDownRate = downRate,
                                ScaleUpRate = upRate,
                            };
                            if (candidate != seed)
                            {
                                candidates.Add(candidate);
                            }
                        }
                    }
                }
            }
        }

        return candidates;
    }

    /// <summary>
    /// Both rounds for the given presets; <paramref name="progress"/> hears the count done and the count planned so far.
    /// </summary>
    public static TuningResult[] Search(string name, LoadTrace trace, ScalingGroupOptions group, SimulationOptions simulation, IReadOnlyList<string> presets, double maxTauU, Action<int, int>? progress = null)
    {
        var first = presets.SelectMany(p => Grid(p, group, simulation.StartupDelay)).ToArray();
        var firstResults = Run(name, trace, group, simulation, first, done => progress?.Invoke(done, first.Length));
        var seeds = firstResults.Where(r => r.Scores.TauU <= maxTauU).OrderBy(r => r.Scores.Cost).Take(SeedsWithin)
            .Concat(firstResults.Where(r => r.Scores.TauU > maxTauU).OrderBy(r => r.Scores.TauU).ThenBy(r => r.Scores.Cost).Take(SeedsPast))
            .Select(r => r.Candidate);
        var second = Refinements(seeds);
        var secondResults = Run(name, trace, group, simulation, second, done => progress?.Invoke(first.Length + done, first.Length + second.Count));
        return [.. firstResults, .. secondResults];
    }

    /// <summary>Replays every candidate on <paramref name="trace"/>, over all cores; <paramref name="progress"/> hears the count done.</summary>
    public static TuningResult[] Run(string name, LoadTrace trace, ScalingGroupOptions group, SimulationOptions simulation, IReadOnlyList<TuningCandidate> candidates, Action<int>? progress = null)
    {
        var results = new TuningResult[candidates.Count];
        var done = 0;
        Parallel.For(0, candidates.Count, i =>
        {
            var c = candidates[i];
            results[i] = new TuningResult(c, new Simulator(name, c.Apply(group), c.Policy.BuildAll(simulation), simulation).Run(trace));
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

    private static IEnumerable<TunedPolicy> Parameters(string preset, TimeSpan startup)
    {
        switch (preset)
        {
            case PolicyPresets.Hybrid:
                foreach (var target in new[] { 70, 80, 90, 100 })
                {
                    foreach (var forecast in new[] { 70, 85, 100 })
                    {
                        foreach (var confidence in new[] { 0.5, 0.75, 0.9 })
                        {
                            foreach (var buffer in new[] { TimeSpan.Zero, TimeSpan.FromMinutes(1), startup + TimeSpan.FromMinutes(1) }.Distinct())
                            {
                                yield return new TunedHybrid(new TunedTargetTracking(target, TargetTrackingPolicy.DefaultTolerance), forecast, confidence, buffer);
                            }
                        }
                    }
                }

                break;
            case PolicyPresets.TargetTracking:
                for (var target = 40; target <= 100; target += 5)
                {
                    foreach (var tolerance in new[] { 0, 0.05, 0.1, 0.2 })
                    {
                        yield return new TunedTargetTracking(target, tolerance);
                    }
                }

                break;
            case PolicyPresets.StepScaling:
                foreach (var threshold in new[] { 60, 70, 80, 90, 100 })
                {
                    foreach (var step in new[] { 1, 2, 4 })
                    {
                        foreach (var scaleIn in ScaleInPoints.Where(x => x < threshold - 10))
                        {
                            yield return new TunedStepScaling(threshold, step, scaleIn);
                        }
                    }
                }

                break;
            case PolicyPresets.Threshold:
                foreach (var above in new[] { 70, 80, 90, 100 })
                {
                    foreach (var below in ScaleDownPoints.Where(x => x < above - 10))
                    {
                        foreach (var step in new[] { 1, 2 })
                        {
                            yield return new TunedThreshold(above, below, step);
                        }
                    }
                }

                break;
            default:
                throw new ArgumentException($"the tuner knows no policy '{preset}'; known: {string.Join(", ", Presets)}.", nameof(preset));
        }
    }
}
