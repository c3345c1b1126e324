using System.Text;
using System.Text.Json;
using AutoScaling.Simulation;
using AutoScaling.Simulation.Tests.Running;
using AutoScaling.Testing;
using AutoScaling.Testing.Browser;

namespace AutoScaling.Simulation.Tests.Reporting;

public class ReportTests
{
    private static readonly string GoldenDirectory = Path.Combine(AppContext.BaseDirectory, "Reporting", "Golden");

    [Fact]
    public void The_time_chart_matches_its_golden_file()
        => AssertGolden("time-chart.svg", SvgCharts.TimeChart(StepRun(), 100));

    [Fact]
    public void The_trade_off_chart_matches_its_golden_file()
    {
        var run = StepRun();
        var cheaper = run with { Name = "cheaper <b>", Scores = run.Scores with { Cost = run.Scores.Cost / 2, TauU = 40 } };

        AssertGolden("trade-off.svg", SvgCharts.TradeOff([run, cheaper]));
    }

    [Fact]
    public void The_report_is_self_contained()
    {
        var html = Html();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("cheaper &lt;b&gt;", html, StringComparison.Ordinal); // names are escaped
    }

    [Fact]
    public void The_csv_header_names_every_score_column_in_order()
        => Assert.Equal(SimulationCsv.ScoresHeader, "name," + string.Join(',', ScoreColumns.All.Select(c => c.Csv)));

    [Fact]
    public void Json_holds_the_scores_and_every_point()
    {
        var run = StepRun();
        using var stream = new MemoryStream();
        SimulationJson.Write(stream, [run]);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var json = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("step", json.GetProperty("name").GetString());
        Assert.Equal(run.Scores.TauU, json.GetProperty("scores").GetProperty("tauU").GetDouble());
        Assert.Equal([1, 1, 3, 3], json.GetProperty("series").GetProperty("active").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("ScaleUp", json.GetProperty("series").GetProperty("reason")[1].GetString());
    }

    [SkippableFact]
    public async Task The_report_opens_in_headless_chromium_without_errors()
    {
        Component.Require(HeadlessChromium.Executable is not null, "chromium is not installed (run scripts/setup/chromium.sh)");
        var path = Path.Combine(Path.GetTempPath(), $"autoscaling-report-{Environment.ProcessId}.html");
        await File.WriteAllTextAsync(path, Html(), Encoding.UTF8);
        try
        {
            await using var chromium = await HeadlessChromium.LaunchAsync();
            var (page, errors) = await chromium.OpenAsync(new Uri(path).AbsoluteUri);

            Assert.Empty(errors);
            Assert.Equal(3, await page.Locator("svg").CountAsync()); // the trade-off and one chart per run
            var box = await page.Locator("svg polyline.active").First.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 100, $"the active line is {box.Width} px wide");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Html()
    {
        var run = StepRun();
        var other = run with { Name = "cheaper <b>" };
        using var writer = new StringWriter();
        SimulationReport.WriteHtml(writer, "step trace", [run, other], 100);
        return writer.ToString();
    }

    private static SimulationRun StepRun()
    {
        var series = new SimulationSeries();
        var scores = new Simulator("web", Scenarios.Group(), [Scenarios.TargetTracking()], Scenarios.Instant()).Run(Scenarios.Minutes(50, 250, 250, 50), series);
        return new SimulationRun("step", scores, series);
    }

    /// <summary>Compares with the golden file; <c>UPDATE_GOLDEN=1</c> rewrites it in the source tree (review the diff).</summary>
    internal static void AssertGolden(string file, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Reporting", "Golden", file));
            File.WriteAllText(source, actual);
            return;
        }

        Assert.Equal(File.ReadAllText(Path.Combine(GoldenDirectory, file)), actual);
    }
}
