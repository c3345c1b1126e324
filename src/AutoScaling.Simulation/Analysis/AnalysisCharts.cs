using System.Globalization;
using System.Text;

namespace AutoScaling.Simulation;

/// <summary>The analysis' charts as inline SVG, drawn with <see cref="SvgCharts"/>' axes and lines: deterministic text for equal reports.</summary>
internal static class AnalysisCharts
{
    private const string Load = "#999";
    private const string Blue = "#2a6fdb";
    private const string Red = "#d33";
    private const string Orange = "#e8a33d";

    /// <summary>The hourly mean load, outages shaded, seams as red lines, bursts as orange marks.</summary>
    public static string Overview(WorkloadReport r)
    {
        var svg = new StringBuilder();
        SvgCharts.Open(svg, $"{r.Name}: hourly mean load, outages, bursts and seams");
        var columns = Columns(r.Hourly, out var values);
        var top = SvgCharts.NiceCeiling(Math.Max(1e-9, values.Max()));
        SvgCharts.Axes(svg, top, "req/s", 0, r.DurationSeconds);
        foreach (var o in r.Outages)
        {
            var x0 = X(o.StartSeconds, r.DurationSeconds);
            var x1 = X(o.StartSeconds + o.DurationSeconds, r.DurationSeconds);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"outage\" x=\"{SvgCharts.F(x0)}\" y=\"{SvgCharts.Top}\" width=\"{SvgCharts.F(Math.Max(1, x1 - x0))}\" height=\"{SvgCharts.PlotHeight}\" fill=\"#fdd\"><title>outage {SvgCharts.Clock(o.DurationSeconds)}</title></rect>");
        }

        SvgCharts.Polyline(svg, columns, i => values[i], top, "load", Load);
        foreach (var s in r.Seams)
        {
            var x = SvgCharts.F(X(s.AtSeconds, r.DurationSeconds));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"seam\" x1=\"{x}\" x2=\"{x}\" y1=\"{SvgCharts.Top}\" y2=\"{SvgCharts.Top + SvgCharts.PlotHeight}\" stroke=\"{Red}\" stroke-dasharray=\"4 2\"/>");
        }

        foreach (var b in r.Bursts)
        {
            var x = SvgCharts.F(X(b.StartSeconds, r.DurationSeconds));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"burst\" x1=\"{x}\" x2=\"{x}\" y1=\"{SvgCharts.Top + SvgCharts.PlotHeight}\" y2=\"{SvgCharts.Top + SvgCharts.PlotHeight - 8}\" stroke=\"{Orange}\" stroke-width=\"2\"/>");
        }

        SvgCharts.Legend(svg, ("hourly mean", Load), ("outage", "#fdd"), ("seam", Red), ("burst", Orange));
        return SvgCharts.Close(svg);
    }

    /// <summary>The autocorrelation against the lag, the dominant periods marked.</summary>
    public static string Autocorrelation(WorkloadReport r)
    {
        var svg = new StringBuilder();
        SvgCharts.Open(svg, $"{r.Name}: autocorrelation by lag");
        var acf = r.Autocorrelation;
        var span = Math.Max(1, acf.Length - 1) * r.AutocorrelationBucketSeconds;
        SvgCharts.Axes(svg, 1, "autocorrelation", 0, span);
        var columns = Columns(acf, out var values);
        SvgCharts.Polyline(svg, columns, i => Math.Max(0, values[i]), 1, "acf", Blue);
        foreach (var p in r.Periods)
        {
            var x = SvgCharts.F(X(p.Hours * 3600, span));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"period\" x1=\"{x}\" x2=\"{x}\" y1=\"{SvgCharts.Top}\" y2=\"{SvgCharts.Top + SvgCharts.PlotHeight}\" stroke=\"{Red}\" stroke-dasharray=\"4 2\"/><text x=\"{x}\" y=\"{SvgCharts.Top + 28}\" fill=\"{Red}\">{SvgCharts.Num(p.Hours)} h</text>");
        }

        SvgCharts.Legend(svg, ("autocorrelation (above 0)", Blue), ("dominant period", Red));
        return SvgCharts.Close(svg);
    }

    /// <summary>The back-test: actual load, the one-step forecast and its band over the test part.</summary>
    public static string Backtest(WorkloadReport r)
    {
        var svg = new StringBuilder();
        SvgCharts.Open(svg, $"{r.Name}: forecast back-test");
        if (r.Backtest is not { } b)
        {
            return SvgCharts.Close(svg.Append("<text x=\"400\" y=\"120\" text-anchor=\"middle\">no back-test: the first 70 % hold less than a day of warm-up</text>"));
        }

        var columns = Columns(b.Actual, out var actual);
        Columns(b.Forecast, out var forecast);
        Columns(b.Upper, out var upper);
        Columns(b.Lower, out var lower);
        var top = SvgCharts.NiceCeiling(Math.Max(1e-9, Math.Max(actual.Max(), upper.Max())));
        var from = b.TrainBuckets * b.BucketSeconds;
        SvgCharts.Axes(svg, top, "req/s", from, from + (b.TestBuckets * b.BucketSeconds));
        svg.Append("<polygon class=\"band\" fill=\"#dbe7fb\" points=\"");
        var width = SvgCharts.PlotWidth / (double)columns;
        for (var i = 0; i < columns; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"{SvgCharts.F(SvgCharts.Left + ((i + 0.5) * width))},{SvgCharts.F(Y(upper[i], top))} ");
        }

        for (var i = columns - 1; i >= 0; i--)
        {
            svg.Append(CultureInfo.InvariantCulture, $"{SvgCharts.F(SvgCharts.Left + ((i + 0.5) * width))},{SvgCharts.F(Y(lower[i], top))} ");
        }

        svg.Length--;
        svg.Append("\"/>");
        SvgCharts.Polyline(svg, columns, i => actual[i], top, "actual", Load);
        SvgCharts.Polyline(svg, columns, i => forecast[i], top, "forecast", Blue);
        SvgCharts.Legend(svg, ("actual", Load), ("forecast", Blue), ($"{b.BandLevel:0} % band", "#dbe7fb"));
        return SvgCharts.Close(svg);
    }

    /// <summary>The HTML section: the numbers, then the three charts.</summary>
    public static void WriteSection(TextWriter w, WorkloadReport r)
    {
        w.Write($"<section class=\"analysis\">\n<h2>Workload analysis: {SvgCharts.Escape(r.Name)}</h2>\n<pre>");
        using (var text = new StringWriter(CultureInfo.InvariantCulture))
        {
            AnalysisWriter.WriteText(text, r);
            w.Write(SvgCharts.Escape(text.ToString()));
        }

        w.Write("</pre>\n");
        w.Write(Overview(r));
        w.Write('\n');
        w.Write(Autocorrelation(r));
        w.Write('\n');
        w.Write(Backtest(r));
        w.Write("\n</section>\n");
    }

    /// <summary>Writes a standalone page holding the section.</summary>
    public static void WriteHtml(TextWriter w, WorkloadReport r)
    {
        w.Write($"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{SvgCharts.Escape(r.Name)}: workload analysis</title>\n");
        w.Write("<style>body{font-family:sans-serif;margin:2em;max-width:860px}pre{font-size:12px}svg{display:block;margin:1em 0}</style>\n</head>\n<body>\n");
        WriteSection(w, r);
        w.Write("</body>\n</html>\n");
    }

    /// <summary>Downsamples to at most one value per pixel column, keeping each column's largest.</summary>
    private static int Columns(double[] source, out double[] values)
    {
        var columns = Math.Max(1, Math.Min(SvgCharts.PlotWidth, source.Length));
        values = new double[columns];
        Array.Fill(values, double.NegativeInfinity);
        for (var i = 0; i < source.Length; i++)
        {
            var c = (int)((long)i * columns / source.Length);
            values[c] = Math.Max(values[c], source[i]);
        }

        for (var c = 0; c < columns; c++)
        {
            values[c] = double.IsFinite(values[c]) ? values[c] : 0;
        }

        return columns;
    }

    private static double X(double seconds, double span) => SvgCharts.Left + (span <= 0 ? 0 : Math.Clamp(seconds / span, 0, 1) * SvgCharts.PlotWidth);

    private static double Y(double value, double top) => SvgCharts.Top + SvgCharts.PlotHeight - (value / top * SvgCharts.PlotHeight);
}
