using System.Text;

namespace AutoScaling.Prometheus.Tests;

/// <summary>The parser on answers as Prometheus writes them, and on odd ones (fields in another order, errors, junk).</summary>
public sealed class PrometheusResponseParserTests
{
    private static PrometheusInstantResult Parse(string json, PrometheusAggregation aggregation = PrometheusAggregation.None)
        => PrometheusResponseParser.ParseInstant(Encoding.UTF8.GetBytes(json), aggregation);

    [Fact]
    public void One_series_vector_is_the_value_and_time()
    {
        var r = Parse("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"proxy":"web"},"value":[1700000000.123,"12.5"]}]}}""");

        Assert.Equal(PrometheusResultKind.Value, r.Kind);
        Assert.Equal(12.5, r.Value);
        Assert.Equal(1700000000.123, r.Timestamp);
        Assert.Equal(1, r.Series);
    }

    [Fact]
    public void Scalar_is_the_value()
    {
        var r = Parse("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"-3e2"]}}""");

        Assert.Equal(PrometheusResultKind.Value, r.Kind);
        Assert.Equal(-300, r.Value);
    }

    [Fact]
    public void Fields_in_any_order_and_warnings_are_accepted()
    {
        var r = Parse("""{"data":{"result":[{"value":[1,"2"],"metric":{}}],"resultType":"vector"},"warnings":["w"],"infos":["i"],"status":"success"}""");

        Assert.Equal(PrometheusResultKind.Value, r.Kind);
        Assert.Equal(2, r.Value);
    }

    [Fact]
    public void Empty_vector_is_empty_not_zero()
    {
        var r = Parse("""{"status":"success","data":{"resultType":"vector","result":[]}}""");

        Assert.Equal(PrometheusResultKind.Empty, r.Kind);
        Assert.True(double.IsNaN(r.Value));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("+Inf")]
    [InlineData("-Inf")]
    public void Non_finite_values_are_not_finite(string value)
    {
        Assert.Equal(PrometheusResultKind.NotFinite, Parse($$$"""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"{{{value}}}"]}]}}""").Kind);
        Assert.Equal(PrometheusResultKind.NotFinite, Parse($$$"""{"status":"success","data":{"resultType":"scalar","result":[1,"{{{value}}}"]}}""").Kind);
    }

    [Theory]
    [InlineData(PrometheusAggregation.None, double.NaN)]
    [InlineData(PrometheusAggregation.Sum, 6)]
    [InlineData(PrometheusAggregation.Max, 3)]
    [InlineData(PrometheusAggregation.Min, 1)]
    [InlineData(PrometheusAggregation.Average, 2)]
    public void Several_series_need_an_aggregation(PrometheusAggregation aggregation, double value)
    {
        var kind = double.IsNaN(value) ? PrometheusResultKind.SeveralSeries : PrometheusResultKind.Value;
        var r = Parse("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"2"]},{"metric":{"a":"3"},"value":[1,"3"]}]}}""", aggregation);

        Assert.Equal(kind, r.Kind);
        Assert.Equal(3, r.Series);
        if (kind == PrometheusResultKind.Value)
        {
            Assert.Equal(value, r.Value);
        }
        else
        {
            Assert.Contains("3 series", r.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Aggregation_with_a_NaN_series_is_not_finite()
    {
        var r = Parse("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"NaN"]}]}}""", PrometheusAggregation.Sum);

        Assert.Equal(PrometheusResultKind.NotFinite, r.Kind);
    }

    [Fact]
    public void Error_carries_error_type_and_message()
    {
        var r = Parse("""{"status":"error","errorType":"bad_data","error":"1:10: parse error: unclosed left parenthesis"}""");

        Assert.Equal(PrometheusResultKind.Error, r.Kind);
        Assert.Equal("bad_data", r.ErrorType);
        Assert.Equal("1:10: parse error: unclosed left parenthesis", r.Error);
    }

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"string","result":[1,"hello"]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}]}}""")]
    [InlineData("""{"status":"success","data":{"result":[{"metric":{},"values":[[1,"1"]]}]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"1"}]}]}}""")]
    public void Results_that_are_not_numbers_are_unsupported(string json)
        => Assert.Equal(PrometheusResultKind.Unsupported, Parse(json).Kind);

    [Theory]
    [InlineData("")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("[]")]
    [InlineData("""{"status":"success"}""")]
    [InlineData("""{"data":{"resultType":"vector","result":[]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}""")]
    public void Junk_is_invalid_or_unsupported_never_a_value(string json)
    {
        var r = Parse(json);

        Assert.True(r.Kind is PrometheusResultKind.Invalid or PrometheusResultKind.Unsupported, r.Kind.ToString());
        Assert.False(string.IsNullOrEmpty(r.Error));
    }

    [Fact]
    public void Escaped_value_string_is_not_misread()
    {
        // A value with a JSON escape is not something Prometheus writes; it is refused, not guessed.
        var r = Parse("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"\u0031"]}]}}""");

        Assert.NotEqual(PrometheusResultKind.Value, r.Kind);
    }

    [Fact]
    public void Range_answer_is_read_in_order_and_aggregated()
    {
        var json = """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":[[10,"1"],[11,"2"],[12,"NaN"]]},{"metric":{"a":"2"},"values":[[11,"5"],[12,"6"]]}]}}"""u8;

        var none = PrometheusRangeResponseParser.Parse(json, PrometheusAggregation.None);
        var sum = PrometheusRangeResponseParser.Parse(json, PrometheusAggregation.Sum);
        var max = PrometheusRangeResponseParser.Parse(json, PrometheusAggregation.Max);

        Assert.Equal(MetricStatus.Failed, none.Status);
        Assert.Equal([1.0, 7.0, 6.0], sum.Points.Select(p => p.Value));
        Assert.Equal([10L, 11L, 12L], sum.Points.Select(p => p.Timestamp.ToUnixTimeSeconds()));
        Assert.Equal([1.0, 5.0, 6.0], max.Points.Select(p => p.Value));
    }

    [Fact]
    public void Range_answer_errors_and_empty()
    {
        Assert.Equal(MetricStatus.Missing, PrometheusRangeResponseParser.Parse("""{"status":"success","data":{"resultType":"matrix","result":[]}}"""u8, PrometheusAggregation.None).Status);
        var error = PrometheusRangeResponseParser.Parse("""{"status":"error","errorType":"bad_data","error":"exceeded maximum resolution"}"""u8, PrometheusAggregation.None);
        Assert.Equal(MetricStatus.Failed, error.Status);
        Assert.Equal("Prometheus query failed (bad_data): exceeded maximum resolution", error.Error);
        Assert.Equal(MetricStatus.Failed, PrometheusRangeResponseParser.Parse("nope"u8, PrometheusAggregation.None).Status);
    }

    [Fact]
    public void Parsing_a_successful_answer_allocates_nothing()
    {
        var json = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"x","proxy":"web"},"value":[1700000000.123,"12.5"]}]}}"""u8.ToArray();
        PrometheusResponseParser.ParseInstant(json, PrometheusAggregation.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            PrometheusResponseParser.ParseInstant(json, PrometheusAggregation.None);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
