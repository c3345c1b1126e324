using AutoScaling.Simulation;

namespace AutoScaling.Simulation.Tests.Running;

public class DeterminismTests
{
    [Fact]
    public void The_same_inputs_and_seed_give_the_same_bytes_and_another_seed_does_not()
    {
        var first = Replay(seed: 42);
        var again = Replay(seed: 42);
        var other = Replay(seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_reused_simulator_gives_the_same_bytes_as_a_new_one()
    {
        var simulator = NewSimulator(42);
        var trace = Wave(2_000);
        Write(simulator, trace);

        Assert.Equal(Write(NewSimulator(42), trace), Write(simulator, trace));
    }

    private static byte[] Replay(int seed) => Write(NewSimulator(seed), Wave(2_000));

    private static Simulator NewSimulator(int seed) => new("web", Scenarios.Group(g => g.MaxInstances = 30), [Scenarios.TargetTracking(tolerance: 0.1)], Scenarios.Instant(o =>
    {
        o.Seed = seed;
        o.StartupDelayDistribution = StartupDelayDistribution.Exponential;
        o.StartupDelaySpread = TimeSpan.FromSeconds(40);
        o.StartFailureRate = 0.1;
        o.MetricDelay = TimeSpan.FromSeconds(15);
        o.RateWindow = TimeSpan.FromSeconds(120);
    }));

    private static byte[] Write(Simulator simulator, LoadTrace trace)
    {
        var series = new SimulationSeries();
        var run = new SimulationRun("wave", simulator.Run(trace, series), series);
        using var text = new StringWriter();
        SimulationCsv.WriteScores(text, [run]);
        SimulationCsv.WriteSeries(text, [run]);
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A daily-like wave with spikes: minutes of 100–2,600 req/s.</summary>
    internal static LoadTrace Wave(int minutes)
    {
        var rates = new double[minutes];
        for (var i = 0; i < minutes; i++)
        {
            rates[i] = 1_100 + (1_000 * Math.Sin(i * 2 * Math.PI / 360)) + (i % 97 == 0 ? 500 : 0);
        }

        return Scenarios.Minutes(rates);
    }
}

public class AllocationTests
{
    [Fact]
    public void A_warm_replay_allocates_only_its_result_whatever_the_trace_length()
    {
        var simulator = new Simulator("web", Scenarios.Group(g => g.MaxInstances = 30), [Scenarios.TargetTracking(tolerance: 0.1)], Scenarios.Instant(o => o.RateWindow = TimeSpan.FromSeconds(60)));
        var shortTrace = DeterminismTests.Wave(1_000);
        var longTrace = DeterminismTests.Wave(20_000);
        simulator.Run(longTrace);
        simulator.Run(shortTrace);

        var beforeShort = GC.GetAllocatedBytesForCurrentThread();
        simulator.Run(shortTrace);
        var shortBytes = GC.GetAllocatedBytesForCurrentThread() - beforeShort;
        var beforeLong = GC.GetAllocatedBytesForCurrentThread();
        var scores = simulator.Run(longTrace);
        var longBytes = GC.GetAllocatedBytesForCurrentThread() - beforeLong;

        Assert.True(scores.Evaluations >= 20_000, $"{scores.Evaluations} evaluations");
        Assert.Equal(shortBytes, longBytes); // 20 times the steps, not one byte more: 0 B per step
        Assert.True(longBytes < 1_024, $"a replay allocated {longBytes} B");
    }
}
