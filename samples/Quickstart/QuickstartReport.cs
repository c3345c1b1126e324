using AutoScaling;

namespace Quickstart;

/// <summary>Sums up a run: capacity used against load, time short of capacity, scaling events.</summary>
internal sealed class QuickstartReport(double targetPerInstance)
{
    private TimeSpan _last;
    private double _instanceSeconds;
    private double _shortSeconds;
    private double _peakLoad;
    private int _peakInstances;

    public void Observe(TimeSpan elapsed, double load, ScalingGroupStatus status)
    {
        var dt = (elapsed - _last).TotalSeconds;
        _last = elapsed;
        var active = status.Count(InstanceState.Active);
        var running = active + status.Count(InstanceState.Starting);
        _instanceSeconds += running * dt;
        if (active * targetPerInstance < load * 0.9)
        {
            _shortSeconds += dt;
        }

        _peakLoad = Math.Max(_peakLoad, load);
        _peakInstances = Math.Max(_peakInstances, running);
    }

    public void Print(IReadOnlyList<ScalingEvent> events)
    {
        var staticInstances = (int)Math.Ceiling(_peakLoad / targetPerInstance);
        var staticSeconds = staticInstances * _last.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("Summary");
        Console.WriteLine($"  simulated time          {_last:mm\\:ss}");
        Console.WriteLine($"  peak load               {_peakLoad:0} req/s; peak instances {_peakInstances}");
        Console.WriteLine($"  instance-minutes used   {_instanceSeconds / 60:0.0} (a fixed pool sized for the peak: {staticSeconds / 60:0.0}, saving {100 * (1 - (_instanceSeconds / staticSeconds)):0}%)");
        Console.WriteLine($"  time short of capacity  {_shortSeconds:0} s (load above 90% of active x target, while instances start)");
        Console.WriteLine($"  scaling events          {events.Count}: {events.Count(e => e.To > e.From)} up, {events.Count(e => e.To < e.From)} down, {events.Count(e => e.Outcome != ScalingOutcome.Succeeded)} not fully succeeded");
    }
}
