using System.Text;

namespace AutoScaling.Prometheus.Tests;

public sealed class PrometheusQueryTemplateTests
{
    [Theory]
    [InlineData("web", "web")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("it's", "it\\'s")]
    [InlineData("line\nbreak", "line\\nbreak")]
    public void String_literals_are_escaped(string value, string expected)
        => Assert.Equal(expected, PrometheusQueryTemplate.EscapeStringLiteral(value));

    [Fact]
    public void Placeholders_are_expanded_and_other_braces_kept()
    {
        var t = new PrometheusQueryTemplate("sum(rate(x{proxy=\"{group}\",m=\"{metric}\"}[10s])) / {instances}", TimeSpan.FromSeconds(5));

        Assert.Equal("sum(rate(x{proxy=\"we\\\"b\",m=\"rps\"}[10s])) / 3", t.Expand(new MetricReadContext("we\"b", "rps", 3)));
        Assert.False(t.IsConstant);
    }

    [Fact]
    public void Body_is_form_encoded_with_the_timeout_and_reused_while_inputs_do_not_change()
    {
        var t = new PrometheusQueryTemplate("vector({instances}) + 1", TimeSpan.FromMilliseconds(1500));

        var first = t.InstantBody(new MetricReadContext("web", "rps", 2));
        var same = t.InstantBody(new MetricReadContext("web", "rps", 2));
        var other = t.InstantBody(new MetricReadContext("web", "rps", 3));

        Assert.Equal("query=vector%282%29%20%2B%201&timeout=1500ms", Encoding.UTF8.GetString(first));
        Assert.Same(first, same);
        Assert.Equal("query=vector%283%29%20%2B%201&timeout=1500ms", Encoding.UTF8.GetString(other));
    }

    [Fact]
    public void Constant_query_body_is_built_once()
    {
        var t = new PrometheusQueryTemplate("up", TimeSpan.FromSeconds(5));

        Assert.True(t.IsConstant);
        Assert.Same(t.InstantBody(new MetricReadContext("a", "b", 1)), t.InstantBody(new MetricReadContext("c", "d", 2)));
    }

    [Fact]
    public void Range_body_has_start_end_and_step()
    {
        var t = new PrometheusQueryTemplate("up", TimeSpan.FromSeconds(5));
        var start = DateTimeOffset.FromUnixTimeSeconds(1700000000);

        var body = Encoding.UTF8.GetString(t.RangeBody(new MetricReadContext("a", "b", 1), start, start.AddMinutes(1), TimeSpan.FromSeconds(15)));

        Assert.Equal("query=up&start=1700000000&end=1700000060&step=15&timeout=5000ms", body);
    }
}
