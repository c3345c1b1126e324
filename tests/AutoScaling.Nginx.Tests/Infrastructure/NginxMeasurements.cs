using System.Diagnostics.Metrics;

namespace AutoScaling.Nginx.Tests;

/// <summary>Listens to the <c>AutoScaling.Nginx</c> meter: the reload and drain durations the router records.</summary>
internal static class NginxMeasurements
{
    /// <summary>Calls <paramref name="onMeasurement"/> with the instrument's name, the value (seconds) and the upstream of each measurement.</summary>
    public static MeterListener Listen(Action<string, double, string?> onMeasurement)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == NginxInstruments.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? upstream = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "nginx.upstream")
                {
                    upstream = tag.Value as string;
                }
            }

            onMeasurement(instrument.Name, value, upstream);
        });
        listener.Start();
        return listener;
    }
}
