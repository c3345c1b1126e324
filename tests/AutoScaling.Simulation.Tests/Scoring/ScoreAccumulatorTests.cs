using AutoScaling.Simulation;

namespace AutoScaling.Simulation.Tests.Scoring;

public class ScoreAccumulatorTests
{
    [Fact]
    public void Four_pieces_score_as_computed_by_hand()
    {
        // Capacity 10 req/s per instance, idle 60 W, busy 120 W, price 2 per instance-hour.
        var s = new ScoreAccumulator(10, 60, 120);
        s.Add(60, 25, active: 2, paid: 3);  // d = ceil(25/10) = 3 > s = 2: under
        s.Add(60, 10, active: 3, paid: 3);  // d = 1 < s = 3: over; Δs = +1, Δd = −1: unstable
        s.Add(120, 0, active: 1, paid: 1);  // d = 0 < s = 1: over; Δs = −2, Δd = −1: same direction
        s.Add(60, 30, active: 1, paid: 1);  // d = 3 > s = 1: under; Δs = 0, Δd = +3: unstable

        var scores = s.ToScores(evaluations: 5, actions: 2, directionChanges: 1, pricePerInstanceHour: 2);

        // T = 60 + 60 + 120 + 60 = 300 s.
        Assert.Equal(TimeSpan.FromSeconds(300), scores.Duration);

        // Paid: 3·60 + 3·60 + 1·120 + 1·60 = 540 s = 0.15 h; cost 0.15 × 2 = 0.3.
        Assert.Equal(0.15, scores.InstanceHours, 12);
        Assert.Equal(0.3, scores.Cost, 12);

        // θU = 100/T · Σ max(d − s, 0)/max(d, 1)·Δt = 100/300 · ((3−2)/3·60 + (3−1)/3·60) = 100/300 · (20 + 40) = 20 %.
        Assert.Equal(20, scores.ThetaU, 9);

        // θO = 100/300 · ((3−1)/1·60 + (1−0)/max(0, 1)·120) = 100/300 · (120 + 120) = 80 %.
        Assert.Equal(80, scores.ThetaO, 9);

        // τU = 100 · (60 + 60)/300 = 40 %; τO = 100 · (60 + 120)/300 = 60 %.
        Assert.Equal(40, scores.TauU, 9);
        Assert.Equal(60, scores.TauO, 9);
        Assert.Equal(TimeSpan.FromSeconds(120), scores.UnderProvisionedTime);

        // Instability over T − t1 = 300 − 60 = 240 s: pieces 2 and 4 move differently, 60 + 60 = 120 s → 50 %.
        Assert.Equal(50, scores.Instability, 9);

        // Jitter: supply changed twice (2→3, 3→1), demand three times (3→1, 1→0, 0→3): (2 − 3)/(300/3600 h) = −12 per hour.
        Assert.Equal(-12, scores.Jitter, 9);

        // Requests: 25·60 + 10·60 + 0 + 30·60 = 3900; beyond capacity: (25 − 20)·60 + (30 − 10)·60 = 1500.
        Assert.Equal(3900, scores.TotalRequests, 9);
        Assert.Equal(1500, scores.RequestsBeyondCapacity, 9);

        // Energy: (3·60 + 60·20/10)·60 + (3·60 + 60·10/10)·60 + (1·60)·120 + (1·60 + 60·10/10)·60
        //       = 18000 + 14400 + 7200 + 7200 = 46800 J = 0.013 kWh.
        Assert.Equal(0.013, scores.EnergyKilowattHours, 12);

        // Direction changes: 1 in 300 s = 12 per hour.
        Assert.Equal(12, scores.DirectionChangesPerHour, 9);
        Assert.Equal(3, scores.PeakInstances);
        Assert.Equal(5, scores.Evaluations);
    }

    [Fact]
    public void Supply_that_follows_demand_exactly_is_perfect()
    {
        var s = new ScoreAccumulator(100, 0, 0);
        s.Add(10, 150, 2, 2);
        s.Add(10, 350, 4, 4);
        s.Add(10, 50, 1, 1);

        var scores = s.ToScores(3, 2, 1, 1);

        Assert.Equal(0, scores.ThetaU);
        Assert.Equal(0, scores.ThetaO);
        Assert.Equal(0, scores.TauU);
        Assert.Equal(0, scores.TauO);
        Assert.Equal(0, scores.Instability);
        Assert.Equal(0, scores.Jitter);
        Assert.Equal(0, scores.RequestsBeyondCapacity);
    }
}
