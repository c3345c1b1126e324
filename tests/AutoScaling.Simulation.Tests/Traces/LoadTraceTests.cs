using AutoScaling.Simulation;

namespace AutoScaling.Simulation.Tests.Traces;

public class LoadTraceTests
{
    [Fact]
    public void Reads_the_shared_format_with_its_header()
    {
        var trace = LoadTrace.Parse(new StringReader("timestamp_seconds,requests_per_second\n0,1.5\n60,2\n\n120,0\n"), "t.csv");

        Assert.Equal(3, trace.Count);
        Assert.Equal(0, trace.Start);
        Assert.Equal(180, trace.End); // the last bucket lasts as long as the one before it
        Assert.Equal(2, trace.RateAt(1));

        // Requests: 1.5·60 + 2·60 + 0·60 = 210.
        Assert.Equal(210, trace.TotalRequests, 9);
    }

    [Theory]
    [InlineData("seconds,rps\n0,1\n60,abc\n", 3, 2, "requests_per_second 'abc' is not a number")]
    [InlineData("0,1\nx,2\n", 2, 1, "seconds 'x' is not a number")]
    [InlineData("0,1\n60\n", 2, 0, "expected two fields")]
    [InlineData("0,1\n60,2,3\n", 2, 3, "got more")]
    [InlineData("0,1\n60,-2\n", 2, 2, "at least 0")]
    [InlineData("0,1\n60,2\n60,3\n", 3, 1, "greater than the previous bucket's (60)")]
    public void A_bad_line_names_the_line_and_the_column(string csv, int line, int column, string problem)
    {
        var ex = Assert.Throws<TraceFormatException>(() => LoadTrace.Parse(new StringReader(csv), "bad.csv"));

        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.StartsWith(column == 0 ? $"bad.csv, line {line}: " : $"bad.csv, line {line}, column {column}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the trace is empty")]
    [InlineData("timestamp_seconds,requests_per_second\n", "the trace is empty")]
    [InlineData("0,5\n", "the trace has one bucket")]
    public void An_empty_or_one_bucket_trace_says_so(string csv, string problem)
    {
        var ex = Assert.Throws<TraceFormatException>(() => LoadTrace.Parse(new StringReader(csv), "e.csv"));

        Assert.Equal("e.csv: " + problem, ex.Message[..("e.csv: ".Length + problem.Length)]);
    }

    [SkippableFact]
    public void Reads_every_shared_trace()
    {
        foreach (var file in new[] { "nasa_http_1995_1min.csv", "worldcup98_0625_0627_1min.csv", "wikipedia_all_2009_contiguous_1h.csv", "azure_llm_code_2023_1s.csv" })
        {
            var trace = LoadTrace.Load(SharedTraces.Require(file));
            Assert.True(trace.Count > 1000, $"{file}: {trace.Count} buckets");
        }

        Assert.Equal(84_332, LoadTrace.Load(SharedTraces.Require("nasa_http_1995_1min.csv")).Count);
    }
}
