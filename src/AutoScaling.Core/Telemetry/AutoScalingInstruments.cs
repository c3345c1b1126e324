using System.Diagnostics.Metrics;

namespace AutoScaling.Telemetry;

/// <summary>The autoscaler's instruments, on the <c>AutoScaling</c> meter.</summary>
internal sealed class AutoScalingInstruments
{
    public const string MeterName = "AutoScaling";

    public AutoScalingInstruments(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
    }

    public Meter Meter { get; }
}
