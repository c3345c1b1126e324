using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AutoScaling.Load;

/// <summary>
/// What a run did: counts by outcome and the latency of answered requests (from their due time), in milliseconds.
/// <paramref name="Sending"/> is the sending phase (the schedule, a quiet tail included); <paramref name="Elapsed"/> adds
/// the wait for the last answers.
/// </summary>
internal sealed record LoadReport(TimeSpan Elapsed, TimeSpan Sending, long Sent, long Ok, long OtherStatus, long Errors, long Timeouts, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>Gets the requests not answered yet.</summary>
    public long InFlight => Sent - Ok - OtherStatus - Errors - Timeouts;

    /// <summary>Gets the rate achieved: requests sent per second of the sending phase.</summary>
    public double SentPerSecond => Sending > TimeSpan.Zero ? Sent / Sending.TotalSeconds : 0;

    /// <summary>One progress line, its time in whole seconds elapsed, like a clock (a report due at 1 s and made late, at 1.6 s, is still t=1s).</summary>
    public string ProgressLine()
        => string.Create(CultureInfo.InvariantCulture, $"t={Math.Floor(Elapsed.TotalSeconds + 0.01):F0}s sent={Sent} 2xx={Ok} other={OtherStatus} errors={Errors} timeouts={Timeouts} in-flight={InFlight} p99={P99Ms:F1}ms");

    /// <summary>The summary, as text.</summary>
    public string Text()
        => string.Create(CultureInfo.InvariantCulture, $"""
            duration   {Elapsed.TotalSeconds:F2} s ({Sending.TotalSeconds:F2} s sending)
            sent       {Sent} ({SentPerSecond:F1}/s)
            2xx        {Ok}
            other      {OtherStatus}
            errors     {Errors}
            timeouts   {Timeouts}
            latency    p50 {P50Ms:F2} ms, p95 {P95Ms:F2} ms, p99 {P99Ms:F2} ms, max {MaxMs:F2} ms
            """);

    /// <summary>The summary, as one JSON object (latencies <c>null</c> when nothing was answered).</summary>
    public string Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("durationSeconds", Math.Round(Elapsed.TotalSeconds, 3));
            json.WriteNumber("sendingSeconds", Math.Round(Sending.TotalSeconds, 3));
            json.WriteNumber("sent", Sent);
            json.WriteNumber("sentPerSecond", Math.Round(SentPerSecond, 2));
            json.WriteNumber("ok", Ok);
            json.WriteNumber("otherStatus", OtherStatus);
            json.WriteNumber("errors", Errors);
            json.WriteNumber("timeouts", Timeouts);
            json.WriteStartObject("latencyMs");
            foreach (var (name, value) in new[] { ("p50", P50Ms), ("p95", P95Ms), ("p99", P99Ms), ("max", MaxMs) })
            {
                if (double.IsFinite(value))
                {
                    json.WriteNumber(name, Math.Round(value, 3));
                }
                else
                {
                    json.WriteNull(name);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
