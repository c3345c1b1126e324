namespace AutoScaling.Prometheus.Tests;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("autoscaling.action.duration", "s", false, "autoscaling_action_duration_seconds")]
    [InlineData("autoscaling.decisions", null, true, "autoscaling_decisions_total")]
    [InlineData("autoscaling.decisions", "{decision}", true, "autoscaling_decisions_total")]
    [InlineData("autoscaling.group.instances", "{instance}", false, "autoscaling_group_instances")]
    [InlineData("http.requests", "{request}/s", false, "http_requests_per_second")]
    [InlineData("io", "By/s", false, "io_bytes_per_second")]
    [InlineData("memory", "By", true, "memory_bytes_total")]
    [InlineData("ratio", "1", false, "ratio")]
    [InlineData("already_seconds", "s", false, "already_seconds")]
    [InlineData("already_total", null, true, "already_total")]
    [InlineData("9lives", "ms", false, "_9lives_milliseconds")]
    [InlineData("ns:subsystem.x", null, false, "ns:subsystem_x")]
    public void Metric_names_follow_the_conventions(string name, string? unit, bool counter, string expected)
        => Assert.Equal(expected, PrometheusNames.MetricName(name, unit, counter));

    [Theory]
    [InlineData("group", "group")]
    [InlineData("http.route", "http_route")]
    [InlineData("a:b", "a_b")]
    [InlineData("__name__", "tag__name__")]
    [InlineData("1st", "_1st")]
    public void Label_names_are_sanitized(string key, string expected)
        => Assert.Equal(expected, PrometheusNames.LabelName(key));

    [Theory]
    [InlineData("http://127.0.0.1:19464/metrics", "http://127.0.0.1:19464/", "/metrics")]
    [InlineData("http://+:9464/metrics/", "http://+:9464/", "/metrics")]
    [InlineData("http://localhost:80", "http://localhost:80/", "/")]
    [InlineData("http://[::1]:9464/m", "http://[::1]:9464/", "/m")]
    public void Listener_addresses_are_split_into_prefix_and_path(string url, string prefix, string path)
    {
        Assert.True(ListenerAddress.TryParse(url, out var address));
        Assert.Equal(prefix, address.Prefix);
        Assert.Equal(path, address.Path);
    }

    [Theory]
    [InlineData("https://127.0.0.1:9464/metrics")]
    [InlineData("http://127.0.0.1/metrics")]
    [InlineData("http://127.0.0.1:99999/metrics")]
    [InlineData("127.0.0.1:9464")]
    [InlineData("http://127.0.0.1:9464/metrics?x=1")]
    public void Bad_listener_addresses_are_refused(string url)
        => Assert.False(ListenerAddress.TryParse(url, out _));
}
