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
        TuningResult R(string name, double cost, double tauU) => new(new TuningCandidate(name.Length, 0, TimeSpan.Zero, TimeSpan.Zero, 1), new SimulationScores { Cost = cost, TauU = tauU });
        var a = R("a", 1, 9);
        var b = R("bb", 2, 5);
        var c = R("ccc", 3, 6);
        var d = R("dddd", 4, 1);
        var e = R("eeeee", 2, 7);

        Assert.Equal([a, b, d], Tuner.ParetoFront([c, e, d, b, a]));
        Assert.Equal(b, Tuner.Winner([a, b, c, d, e], maxTauU: 5)); // the cheapest with τU ≤ 5
        Assert.Null(Tuner.Winner([a, b, c, d, e], maxTauU: 0.5));
    }

    [Fact]
    public void The_winner_exported_as_appsettings_replays_to_the_same_scores()
    {
        var trace = DeterminismTests.Wave(600);
        var group = Scenarios.Group(g => g.MaxInstances = 30);
        var simulation = Scenarios.Instant(o => o.RateWindow = TimeSpan.FromSeconds(60));
        var candidates = Tuner.Grid(1).Where((_, i) => i % 20 == 0).ToArray();

        var results = Tuner.Run("web", trace, group, simulation, candidates);
        var winner = Tuner.Winner(results, maxTauU: 10);
        Assert.NotNull(winner);

        var path = Path.Combine(_dir, "appsettings.json");
        using (var stream = File.Create(path))
        {
            AppSettingsWriter.Write(stream, "web", winner.Candidate.Apply(group), "rps", 100 * winner.Candidate.TargetUtilization / 100, winner.Candidate.Tolerance);
        }

        var (imported, policies) = AppSettingsImport.Load(path, "web", simulation);
        var replayed = new Simulator("web", imported, policies, simulation).Run(trace);

        Assert.Equal(winner.Scores, replayed);
        Assert.Equal(winner.Candidate.ScaleDownWindow, imported.ScaleDown.StabilizationWindow);
        Assert.Equal(group.Interval, imported.Interval);
    }

    [Fact]
    public void Parallel_tuning_is_deterministic()
    {
        var trace = DeterminismTests.Wave(300);
        var candidates = Tuner.Grid(1).Take(64).ToArray();

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
}
