using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
using AutoScaling.Testing;
using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus.Tests;

/// <summary>The text format 0.0.4 written for a meter of the test's own (a unique name, so tests run in parallel).</summary>
public sealed class PrometheusMetricsCollectorTests : IDisposable
{
    private readonly string _meterName = "AutoScaling.Test." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusMetricsCollector _collector;

    public PrometheusMetricsCollectorTests()
    {
        _meter = new Meter(_meterName);
        var options = new PrometheusExporterOptions();
        options.MeterNames.Add(_meterName);
        options.HistogramBuckets.Add(0.1);
        options.HistogramBuckets.Add(1);
        _collector = new PrometheusMetricsCollector(Options.Create(options));
    }

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Counter_sums_per_tag_set_whatever_the_tag_order()
    {
        var decisions = _meter.CreateCounter<long>("autoscaling.decisions", description: "Decisions by reason.");
        decisions.Add(2, new("group", "web"), new("reason", "ScaleUp"));
        decisions.Add(3, new("reason", "ScaleUp"), new("group", "web"));
        decisions.Add(1, new("group", "web"), new("reason", "NoChange"));

        Assert.Equal(
            "# HELP autoscaling_decisions_total Decisions by reason.\n" +
            "# TYPE autoscaling_decisions_total counter\n" +
            "autoscaling_decisions_total{group=\"web\",reason=\"NoChange\"} 1\n" +
            "autoscaling_decisions_total{group=\"web\",reason=\"ScaleUp\"} 5\n",
            Collect());
    }

    [Fact]
    public void Histogram_has_cumulative_buckets_sum_and_count()
    {
        var duration = _meter.CreateHistogram<double>("autoscaling.action.duration", unit: "s", description: "Action durations.");
        duration.Record(0.05, new KeyValuePair<string, object?>("action", "provision"));
        duration.Record(0.5, new KeyValuePair<string, object?>("action", "provision"));
        duration.Record(7, new KeyValuePair<string, object?>("action", "provision"));

        Assert.Equal(
            "# HELP autoscaling_action_duration_seconds Action durations.\n" +
            "# TYPE autoscaling_action_duration_seconds histogram\n" +
            "autoscaling_action_duration_seconds_bucket{action=\"provision\",le=\"0.1\"} 1\n" +
            "autoscaling_action_duration_seconds_bucket{action=\"provision\",le=\"1\"} 2\n" +
            "autoscaling_action_duration_seconds_bucket{action=\"provision\",le=\"+Inf\"} 3\n" +
            "autoscaling_action_duration_seconds_sum{action=\"provision\"} 7.55\n" +
            "autoscaling_action_duration_seconds_count{action=\"provision\"} 3\n",
            Collect());
    }

    [Fact]
    public void Histogram_uses_the_instrument_bucket_advice()
    {
        var h = _meter.CreateHistogram<double>("h", unit: "s", description: null, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 50] });
        h.Record(10);

        var text = Collect();
        Assert.Contains("h_seconds_bucket{le=\"5\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("h_seconds_bucket{le=\"50\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("le=\"0.1\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Observable_gauge_is_read_at_each_collection_and_gone_series_disappear()
    {
        var instances = new Dictionary<string, int> { ["active"] = 3, ["starting"] = 1 };
        _meter.CreateObservableGauge(
            "autoscaling.group.instances",
            () => instances.Select(p => new Measurement<int>(p.Value, new("group", "web"), new("state", p.Key))).ToArray(),
            unit: "{instance}",
            description: "Instances by state.");

        var first = Collect();
        Assert.Contains("autoscaling_group_instances{group=\"web\",state=\"active\"} 3\n", first, StringComparison.Ordinal);
        Assert.Contains("autoscaling_group_instances{group=\"web\",state=\"starting\"} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("# TYPE autoscaling_group_instances gauge\n", first, StringComparison.Ordinal);

        instances.Remove("starting");
        instances["active"] = 4;
        var second = Collect();
        Assert.Contains("autoscaling_group_instances{group=\"web\",state=\"active\"} 4\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("starting", second, StringComparison.Ordinal);
    }

    [Fact]
    public void UpDownCounter_and_gauge_are_gauges_and_observable_counter_is_a_counter()
    {
        var updown = _meter.CreateUpDownCounter<int>("queue.length");
        updown.Add(5);
        updown.Add(-2);
        var gauge = _meter.CreateGauge<double>("autoscaling.group.desired_instances");
        gauge.Record(7, new KeyValuePair<string, object?>("group", "web"));
        gauge.Record(6, new KeyValuePair<string, object?>("group", "web"));
        _meter.CreateObservableCounter("bytes.sent", () => 1024L, unit: "By");

        var text = Collect();
        Assert.Contains("# TYPE queue_length gauge\nqueue_length 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE autoscaling_group_desired_instances gauge\nautoscaling_group_desired_instances{group=\"web\"} 6\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bytes_sent_bytes_total counter\nbytes_sent_bytes_total 1024\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_and_help_are_escaped_and_names_sanitized()
    {
        var c = _meter.CreateCounter<long>("odd-name.with/chars", description: "Line one\nback\\slash");
        c.Add(1, new KeyValuePair<string, object?>("weird.key", "a\"b\\c\nd"), new KeyValuePair<string, object?>("__reserved", 5));

        Assert.Equal(
            "# HELP odd_name_with_chars_total Line one\\nback\\\\slash\n" +
            "# TYPE odd_name_with_chars_total counter\n" +
            "odd_name_with_chars_total{tag__reserved=\"5\",weird_key=\"a\\\"b\\\\c\\nd\"} 1\n",
            Collect());
    }

    [Fact]
    public void Families_are_sorted_and_collections_are_stable()
    {
        _meter.CreateCounter<long>("b.second").Add(1);
        _meter.CreateCounter<long>("a.first").Add(1, new KeyValuePair<string, object?>("z", "2"));
        _meter.CreateCounter<long>("a.first").Add(1, new KeyValuePair<string, object?>("z", "1"));

        var text = Collect();
        Assert.True(text.IndexOf("a_first_total", StringComparison.Ordinal) < text.IndexOf("b_second_total", StringComparison.Ordinal), text);
        Assert.True(text.IndexOf("z=\"1\"", StringComparison.Ordinal) < text.IndexOf("z=\"2\"", StringComparison.Ordinal), text);
        Assert.Equal(text, Collect());
    }

    [Fact]
    public void Other_meters_are_not_exposed()
    {
        using var other = new Meter(_meterName + ".other");
        other.CreateCounter<long>("not.mine").Add(1);
        _meter.CreateCounter<long>("mine").Add(1);

        var text = Collect();
        Assert.Contains("mine_total 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not_mine", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_and_infinities_use_the_go_spelling()
    {
        _meter.CreateObservableGauge("g.nan", () => double.NaN);
        _meter.CreateObservableGauge("g.inf", () => double.PositiveInfinity);
        _meter.CreateObservableGauge("g.neginf", () => double.NegativeInfinity);

        var text = Collect();
        Assert.Contains("g_nan NaN\n", text, StringComparison.Ordinal);
        Assert.Contains("g_inf +Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("g_neginf -Inf\n", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Promtool_accepts_the_output()
    {
        var promtool = Tools.Find("promtool");
        Component.Require(promtool is not null, "promtool is not installed (it comes with prometheus: bash scripts/setup/prometheus.sh)");
        _meter.CreateCounter<long>("autoscaling.decisions", description: "Decisions.").Add(2, new("group", "web"), new("reason", "ScaleUp"));
        _meter.CreateHistogram<double>("autoscaling.action.duration", unit: "s", description: "Durations.").Record(0.3, new("group", "web"), new("action", "provision"), new("outcome", "success"));
        _meter.CreateObservableGauge("autoscaling.group.instances", () => new Measurement<int>(3, new("group", "we\"b"), new("state", "active")), description: "Instances.");

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(promtool!, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteAsync(Collect());
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output);
    }

    [Fact]
    public async Task WriteToAsync_writes_the_same_text_to_a_stream()
    {
        _meter.CreateCounter<long>("c").Add(4);
        using var stream = new MemoryStream();

        await _collector.WriteToAsync(stream);

        Assert.Equal(Collect(), Encoding.UTF8.GetString(stream.ToArray()));
    }

    private string Collect()
    {
        var buffer = new ArrayBufferWriter<byte>();
        _collector.WriteTo(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
