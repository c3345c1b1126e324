using System.Diagnostics.Metrics;

namespace AutoScaling.Nginx;

/// <summary>The measured cost of NGINX changes, on the meter <c>AutoScaling.Nginx</c>.</summary>
internal static class NginxInstruments
{
    public const string MeterName = "AutoScaling.Nginx";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>From writing the file to new workers serving it (<c>nginx -t</c> and the reload included).</summary>
    public static readonly Histogram<double> ReloadDuration = s_meter.CreateHistogram<double>("autoscaling.nginx.reload.duration", "s", "From writing the upstream file to new NGINX workers serving it.");

    /// <summary>From the reload that marked servers down to the old workers' exit (or the drain timeout).</summary>
    public static readonly Histogram<double> DrainDuration = s_meter.CreateHistogram<double>("autoscaling.nginx.drain.duration", "s", "From the reload that marked servers down until the old NGINX workers exited.");
}
