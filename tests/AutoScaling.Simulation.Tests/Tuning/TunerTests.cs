using AutoScaling.Simulation;
using AutoScaling.Simulation.Tests.Running;

namespace AutoScaling.Simulation.Tests.Tuning;

public sealed class TunerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autoscaling-tune-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_pareto_front_keeps_only_results_nothing_beats_on_both_cost_and_tau_u()
    {
        // (cost, τU): a (1, 9), b (2, 5), c (3, 6) is beaten by b, d (4, 1), e (2, 7) is beaten by b.
        TuningResult R(string name, double cost, double tauU) => new(new TuningCandidate(new TunedTargetTracking(name.Length, 0), 1, TimeSpan.Zero, TimeSpan.Zero), new SimulationScores { Cost = cost, TauU = tauU });
        var a = R("a", 1, 9);
        var b = R("bb", 2, 5);
        var c = R("ccc", 3, 6);
        var d = R("dddd", 4, 1);
        var e = R("eeeee", 2, 7);

        Assert.Equal([a, b, d], Tuner.ParetoFront([c, e, d, b, a]));
        Assert.Equal(b, Tuner.Winner([a, b, c, d, e], maxTauU: 5)); // the cheapest with τU ≤ 5
        Assert.Null(Tuner.Winner([a, b, c, d, e], maxTauU: 0.5));
    }

    [Theory]
    [InlineData(PolicyPresets.TargetTracking)]
    [InlineData(PolicyPresets.StepScaling)]
    [InlineData(PolicyPresets.Threshold)]
    [InlineData(PolicyPresets.Hybrid)]
    public void The_winner_exported_as_appsettings_replays_to_the_same_scores(string preset)
    {
        var trace = DeterminismTests.Wave(600);
        var group = Scenarios.Group(g => g.MaxInstances = 30);
        var simulation = Scenarios.Instant(o => o.RateWindow = TimeSpan.FromSeconds(60));

        var results = Tuner.Search("web", trace, group, simulation, [preset], maxTauU: 10);
        var winner = Tuner.Winner(results, maxTauU: 10);
        Assert.NotNull(winner);
        Assert.Equal(preset, winner.Candidate.Policy.Preset);

        var (imported, policies) = RoundTrip(group, winner.Candidate, simulation);
        var replayed = new Simulator("web", imported, policies, simulation).Run(trace);

        Assert.Equal(winner.Scores, replayed);
        Assert.Equal(winner.Candidate.ScaleDownWindow, imported.ScaleDown.StabilizationWindow);
        Assert.Equal(group.Interval, imported.Interval);
    }

    [Fact]
    public void Rate_policies_and_cooldowns_of_both_directions_survive_the_export()
    {
        var trace = DeterminismTests.Wave(300);
        var group = Scenarios.Group(g => g.MaxInstances = 30);
        var simulation = Scenarios.Instant();
        var candidate = new TuningCandidate(
            new TunedStepScaling(60, 2, 30), 2, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60),
            new TunedRate(ScalingRateKind.Percent, 10, TimeSpan.FromSeconds(60)), new TunedRate(ScalingRateKind.Instances, 3, TimeSpan.FromSeconds(15)));

        var (imported, policies) = RoundTrip(group, candidate, simulation);

        Assert.Equal(TimeSpan.FromSeconds(60), imported.ScaleUp.Cooldown);
        Assert.Equal(TimeSpan.FromSeconds(120), imported.ScaleDown.Cooldown);
        var down = Assert.Single(imported.ScaleDown.Policies);
        Assert.Equal((ScalingRateKind.Percent, 10, TimeSpan.FromSeconds(60)), (down.Kind, down.Value, down.Period));
        var up = Assert.Single(imported.ScaleUp.Policies);
        Assert.Equal((ScalingRateKind.Instances, 3, TimeSpan.FromSeconds(15)), (up.Kind, up.Value, up.Period));
        Assert.Equal(
            Tuner.Run("web", trace, group, simulation, [candidate])[0].Scores,
            new Simulator("web", imported, policies, simulation).Run(trace));
    }

    [Fact]
    public void The_first_round_covers_each_policys_grid_and_the_second_varies_only_cooldowns_and_rates()
    {
        var group = Scenarios.Group(g => g.MinInstances = 2);

        Assert.Equal(520, Tuner.Grid(PolicyPresets.TargetTracking, group).Count);
        Assert.Equal(510, Tuner.Grid(PolicyPresets.StepScaling, group).Count);
        Assert.Equal(340, Tuner.Grid(PolicyPresets.Threshold, group).Count);
        var hybrid = Tuner.Grid(PolicyPresets.Hybrid, group, TimeSpan.FromMinutes(5));
        Assert.Equal(432, hybrid.Count); // 4 targets × 3 forecast targets × 3 bands × 3 buffers × 2 windows × 2 minimums
        Assert.Contains(hybrid, c => c.Policy is TunedHybrid { Buffer.TotalMinutes: 6, Confidence: 0.5 });
        Assert.Equal(4 * 3 * 3 * 2 * 2 * 2, Tuner.Grid(PolicyPresets.Hybrid, group, TimeSpan.Zero).Count); // buffers 0 and 1 min only
        Assert.All(Tuner.Grid(PolicyPresets.StepScaling, group), c => Assert.True(c.Policy is TunedStepScaling s && s.ScaleInAt < s.Threshold - 10, c.ToString()));
        Assert.All(Tuner.Grid(PolicyPresets.TargetTracking, group), c => Assert.Contains(c.MinInstances, new[] { 2, 3 }));
        Assert.Contains(Tuner.Grid(PolicyPresets.TargetTracking, group), c => c.Policy is TunedTargetTracking { TargetUtilization: 100 });

        var seed = Tuner.Grid(PolicyPresets.TargetTracking, group)[7];
        var refined = Tuner.Refinements([seed]);

        Assert.Equal(53, refined.Count); // 3 × 2 × 3 × 3 combinations, less the seed itself
        Assert.DoesNotContain(seed, refined);
        Assert.Equal(refined.Count, refined.Distinct().Count());
        Assert.All(refined, c => Assert.Equal((seed.Policy, seed.MinInstances, seed.ScaleDownWindow), (c.Policy, c.MinInstances, c.ScaleDownWindow)));
        Assert.Contains(refined, c => c.ScaleUpRate is { Kind: ScalingRateKind.Percent, Value: 300 } && c.ScaleDownRate is null);
    }

    [Fact]
    public void The_search_refines_around_the_cheapest_within_the_bound_and_the_closest_past_it()
    {
        var trace = DeterminismTests.Wave(300);
        var group = Scenarios.Group(g => g.MaxInstances = 30);
        var simulation = Scenarios.Instant();

        var results = Tuner.Search("web", trace, group, simulation, [PolicyPresets.Threshold], maxTauU: 2);
        var grid = Tuner.Grid(PolicyPresets.Threshold, group);
        var first = results.Take(grid.Count).ToArray();
        var second = results.Skip(grid.Count).ToArray();
        var seeds = second.Select(r => r.Candidate with { ScaleDownCooldown = group.ScaleDown.Cooldown, ScaleUpCooldown = group.ScaleUp.Cooldown, ScaleDownRate = null, ScaleUpRate = null }).Distinct().ToArray();

        Assert.Equal(grid, first.Select(r => r.Candidate));
        var expected = Math.Min(6, first.Count(r => r.Scores.TauU <= 2)) + Math.Min(4, first.Count(r => r.Scores.TauU > 2));
        Assert.True(expected >= 5, $"the wave should leave candidates on both sides of the bound, got {expected} seeds");
        Assert.Equal(expected, seeds.Length);
        var cheapestWithin = first.Where(r => r.Scores.TauU <= 2).OrderBy(r => r.Scores.Cost).First().Candidate;
        Assert.Contains(cheapestWithin, seeds);
        Assert.Equal(expected * 53, second.Length);
    }

    [Fact]
    public void Parallel_tuning_is_deterministic()
    {
        var trace = DeterminismTests.Wave(300);
        var candidates = Tuner.Grid(PolicyPresets.StepScaling, Scenarios.Group()).Take(64).ToArray();

        var first = Tuner.Run("web", trace, Scenarios.Group(), Scenarios.Instant(), candidates);
        var second = Tuner.Run("web", trace, Scenarios.Group(), Scenarios.Instant(), candidates);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_missing_group_in_appsettings_names_the_groups_there()
    {
        var path = Path.Combine(_dir, "a.json");
        File.WriteAllText(path, """{ "AutoScaling": { "Groups": { "api": { "MinInstances": 1 } } } }""");

        var ex = Assert.Throws<InvalidOperationException>(() => AppSettingsImport.Load(path, "web", new SimulationOptions()));

        Assert.Equal("a.json: there is no group 'web' under AutoScaling:Groups; groups found: api.", ex.Message);
    }

    private (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) RoundTrip(ScalingGroupOptions group, TuningCandidate candidate, SimulationOptions simulation)
    {
        var path = Path.Combine(_dir, "appsettings.json");
        using (var stream = File.Create(path))
        {
            AppSettingsWriter.Write(stream, "web", candidate.Apply(group), candidate.Policy, simulation);
        }

        return AppSettingsImport.Load(path, "web", simulation);
    }
}
