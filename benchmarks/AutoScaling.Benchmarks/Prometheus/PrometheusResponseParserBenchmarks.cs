using System.Text;
using AutoScaling.Prometheus;
using BenchmarkDotNet.Attributes;

namespace AutoScaling.Benchmarks.Prometheus;

/// <summary>
/// The per-query cost of reading a Prometheus answer: the instant-query parser (the path taken on every tick) on
/// typical answers, and the range parser (history reads, which allocate their points).
/// </summary>
[MemoryDiagnoser]
public class PrometheusResponseParserBenchmarks
{
    private byte[] _vectorOneSeries = [];
    private byte[] _scalar = [];
    private byte[] _vectorTenSeries = [];
    private byte[] _error = [];
    private byte[] _matrix = [];

    /// <summary>Builds the answers, as prometheus 2.42 writes them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _vectorOneSeries = Encoding.UTF8.GetBytes("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"proxy":"web"},"value":[1763790000.123,"153.86666666666667"]}]}}""");
        _scalar = Encoding.UTF8.GetBytes("""{"status":"success","data":{"resultType":"scalar","result":[1763790000.123,"42.5"]}}""");
        var series = string.Join(",", Enumerable.Range(0, 10).Select(i =>
            $$$"""{"metric":{"__name__":"haproxy_server_current_sessions","instance":"127.0.0.1:8405","job":"haproxy","proxy":"web","server":"web{{{i}}}"},"value":[1763790000.123,"{{{i * 3}}}"]}"""));
        _vectorTenSeries = Encoding.UTF8.GetBytes($$$"""{"status":"success","data":{"resultType":"vector","result":[{{{series}}}]}}""");
        _error = Encoding.UTF8.GetBytes("""{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:11: parse error: unclosed left parenthesis"}""");
        var points = string.Join(",", Enumerable.Range(0, 60).Select(i => $"[{1763790000 + (i * 15)},\"{100 + i}.5\"]"));
        _matrix = Encoding.UTF8.GetBytes($$$"""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"proxy":"web"},"values":[{{{points}}}]}]}}""");
    }

    /// <summary>A one-series vector (<c>sum(rate(...))</c>): the common case.</summary>
    /// <returns>The value.</returns>
    [Benchmark(Baseline = true)]
    public double VectorOneSeries() => PrometheusResponseParser.ParseInstant(_vectorOneSeries, PrometheusAggregation.None).Value;

    /// <summary>A scalar.</summary>
    /// <returns>The value.</returns>
    [Benchmark]
    public double Scalar() => PrometheusResponseParser.ParseInstant(_scalar, PrometheusAggregation.None).Value;

    /// <summary>Ten series with labels, summed by the source.</summary>
    /// <returns>The value.</returns>
    [Benchmark]
    public double VectorTenSeriesSum() => PrometheusResponseParser.ParseInstant(_vectorTenSeries, PrometheusAggregation.Sum).Value;

    /// <summary>An error answer (reads errorType and error as strings).</summary>
    /// <returns>The error.</returns>
    [Benchmark]
    public string? Error() => PrometheusResponseParser.ParseInstant(_error, PrometheusAggregation.None).Error;

    /// <summary>A range answer: one series of 60 points (15 minutes at 15 s).</summary>
    /// <returns>The point count.</returns>
    [Benchmark]
    public int MatrixSixtyPoints() => PrometheusRangeResponseParser.Parse(_matrix, PrometheusAggregation.None).Points.Count;
}
