using BenchmarkDotNet.Attributes;

namespace AutoScaling.Benchmarks.Decision;

/// <summary>The decision path: one group with three metrics, stabilization and rate policies; and 10,000 groups in a loop.</summary>
[MemoryDiagnoser]
public class DecisionEngineBenchmarks
{
    private EngineScenario _one = null!;
    private EngineScenario[] _many = null!;

    /// <summary>Builds the engines and warms them up (fills their windows).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _one = new EngineScenario(0);
        _many = new EngineScenario[10_000];
        for (var i = 0; i < _many.Length; i++)
        {
            _many[i] = new EngineScenario(i);
        }

        for (var k = 0; k < 100; k++)
        {
            _one.Evaluate();
            foreach (var s in _many)
            {
                s.Evaluate();
            }
        }
    }

    /// <summary>One evaluation of one group.</summary>
    /// <returns>The desired count.</returns>
    [Benchmark]
    public int OneGroupThreeMetrics() => _one.Evaluate();

    /// <summary>One evaluation of each of 10,000 groups.</summary>
    /// <returns>The sum of desired counts.</returns>
    [Benchmark]
    public int TenThousandGroups()
    {
        var sum = 0;
        foreach (var s in _many)
        {
            sum += s.Evaluate();
        }

        return sum;
    }
}
