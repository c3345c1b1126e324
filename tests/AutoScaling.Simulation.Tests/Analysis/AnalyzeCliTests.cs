using System.Text;
using AutoScaling.Simulation.Tests.Tool;
using AutoScaling.Testing;
using AutoScaling.Testing.Browser;

namespace AutoScaling.Simulation.Tests.Analysis;

public sealed class AnalyzeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autoscaling-sim-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Eight days every ten minutes: a daily cycle, a burst on day 1, an outage on day 2 and a join on day 5.</summary>
    private static LoadTrace SmallTrace() => new SyntheticSeries { StepSeconds = 600, Days = 8, OutageDay = 2.25, PhaseShiftDay = 5.5, BurstDay = 1.5 }.Build("small");

    private static WorkloadReport Small() => WorkloadAnalysis.Analyze(SmallTrace());

    [Fact]
    public void The_analysis_section_matches_its_golden_file()
    {
        using var writer = new StringWriter();
        AnalysisCharts.WriteSection(writer, Small());
        Reporting.ReportTests.AssertGolden("analysis-section.html", writer.ToString());
    }

    [Fact]
    public void Analyze_prints_text_or_json_and_writes_the_html_page()
    {
        var trace = WriteTrace();
        var html = Path.Combine(_dir, "analysis.html");

        var (code, output, error) = CliTests.Run("analyze", trace, "--html", html);
        var (jsonCode, json, _) = CliTests.Run("analyze", trace, "--json");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("at 2 d 06:00, lasting 06:00:00", output, StringComparison.Ordinal);
        Assert.Contains("phase seam", output, StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("phase", doc.RootElement.GetProperty("seams").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal(3, Regex(File.ReadAllText(html), "<svg"));
    }

    [Fact]
    public void A_missing_trace_is_one_line_and_exit_code_2()
    {
        var (code, _, error) = CliTests.Run("analyze", Path.Combine(_dir, "none.csv"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: trace: the file '", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_adds_the_analysis_to_its_report_when_asked()
    {
        var trace = WriteTrace();
        var (code, _, error) = CliTests.Run("compare", "--trace", trace, "--policies", "target-tracking", "--analyze", "--out", _dir);

        Assert.True(code == 0, error);
        Assert.Contains("<section class=\"analysis\">", File.ReadAllText(Path.Combine(_dir, "report.html")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_analysis_page_opens_in_headless_chromium_without_errors()
    {
        Component.Require(HeadlessChromium.Executable is not null, "chromium is not installed (run scripts/setup/chromium.sh)");
        var path = Path.Combine(_dir, "page.html");
        using (var writer = new StreamWriter(path, false, Encoding.UTF8))
        {
            AnalysisCharts.WriteHtml(writer, Small());
        }

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var (page, errors) = await chromium.OpenAsync(new Uri(path).AbsoluteUri);

        Assert.Empty(errors);
        Assert.Equal(3, await page.Locator("svg").CountAsync());
        var box = await page.Locator("svg polyline.forecast").First.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 100, $"the forecast line is {box.Width} px wide");
    }

    private static int Regex(string text, string what) => System.Text.RegularExpressions.Regex.Count(text, what);

    private string WriteTrace()
    {
        var trace = SmallTrace();
        var path = Path.Combine(_dir, "small.csv");
        var lines = new StringBuilder("timestamp_seconds,requests_per_second\n");
        for (var i = 0; i < trace.Count; i++)
        {
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{trace.TimeAt(i)},{trace.RateAt(i):R}\n");
        }

        File.WriteAllText(path, lines.ToString());
        return path;
    }
}
