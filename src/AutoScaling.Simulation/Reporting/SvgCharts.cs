using System.Globalization;
using System.Net;
using System.Text;

namespace AutoScaling.Simulation;

/// <summary>
/// The report's charts as inline SVG, written here (no script, no library): the group over time, and cost against
/// under-provisioning. Coordinates carry one decimal and every number is formatted invariantly, so equal runs give equal text.
/// </summary>
internal static class SvgCharts
{
    public const int Width = 800;
    public const int Height = 240;
    internal const int Left = 56;
    internal const int Top = 16;
    internal const int PlotWidth = Width - Left - Right;
    internal const int PlotHeight = Height - Top - Bottom;
    private const int Right = 16;
    private const int Bottom = 36;

    /// <summary>
    /// Load ÷ capacity per instance, demand and active instances over time, as steps from one evaluation to the next. Each pixel column shows the highest load and
    /// demand and the lowest active count among the evaluations it covers, so spikes and shortfalls stay visible.
    /// </summary>
    public static string TimeChart(SimulationRun run, double capacityPerInstance)
    {
        var points = run.Series is null ? [] : run.Series.Points;
        var svg = new StringBuilder();
        Open(svg, $"{run.Name}: load, demand and active instances over time");
        if (points.Length == 0)
        {
            return Close(svg.Append("<text x=\"400\" y=\"120\" text-anchor=\"middle\">no series recorded</text>"));
        }

        var start = points[0].Seconds;
        var span = Math.Max(1e-9, points[^1].Seconds - start);
        var columns = Math.Min(PlotWidth, points.Length);
        var load = new double[columns];
        var demand = new int[columns];
        var active = new int[columns];
        Array.Fill(active, int.MaxValue);
        double top = 1;
        foreach (ref readonly var p in points)
        {
            var c = Math.Min(columns - 1, (int)((p.Seconds - start) / span * columns));
            load[c] = Math.Max(load[c], p.Load / capacityPerInstance);
            demand[c] = Math.Max(demand[c], p.Demand);
            active[c] = Math.Min(active[c], p.Active);
            top = Math.Max(top, Math.Max(load[c], Math.Max(demand[c], p.Active)));
        }

        top = NiceCeiling(top);
        Axes(svg, top, "instances", start, start + span);
        Polyline(svg, columns, i => load[i], top, "load", "#999");
        Polyline(svg, columns, i => demand[i], top, "demand", "#e8a33d");
        Polyline(svg, columns, i => active[i] == int.MaxValue ? 0 : active[i], top, "active", "#2a6fdb");
        Legend(svg, ("load ÷ capacity", "#999"), ("demand", "#e8a33d"), ("active", "#2a6fdb"));
        return Close(svg);
    }

    /// <summary>Cost (x) against τU (y), one labelled dot per run: lower left is better.</summary>
    public static string TradeOff(IReadOnlyList<SimulationRun> runs)
    {
        var svg = new StringBuilder();
        Open(svg, "cost against under-provisioning timeshare τU");
        double maxCost = 0, maxTau = 0;
        foreach (var run in runs)
        {
            maxCost = Math.Max(maxCost, run.Scores.Cost);
            maxTau = Math.Max(maxTau, run.Scores.TauU);
        }

        maxCost = NiceCeiling(Math.Max(maxCost, 1e-9));
        maxTau = NiceCeiling(Math.Max(maxTau, 1));
        Axes(svg, maxTau, "τU %", 0, 0);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + PlotWidth}\" y=\"{Height - 4}\" text-anchor=\"end\">cost (0 – {Num(maxCost)})</text>");
        foreach (var run in runs)
        {
            var x = Left + (run.Scores.Cost / maxCost * PlotWidth);
            var y = Top + PlotHeight - (run.Scores.TauU / maxTau * PlotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4\" fill=\"#2a6fdb\"><title>{Escape(run.Name)}: cost {Num(run.Scores.Cost)}, τU {Num(run.Scores.TauU)} %</title></circle>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 6)}\" y=\"{F(y - 6)}\">{Escape(run.Name)}</text>");
        }

        return Close(svg);
    }

    internal static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    internal static void Open(StringBuilder svg, string title)
        => svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\"><title>{Escape(title)}</title>");

    internal static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    internal static void Axes(StringBuilder svg, double top, string yLabel, double fromSeconds, double toSeconds)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#ccc\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + PlotHeight - (PlotHeight * i / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Num(top * i / 4)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Top + (PlotHeight / 2)}\" transform=\"rotate(-90 12 {Top + (PlotHeight / 2)})\" text-anchor=\"middle\">{Escape(yLabel)}</text>");
        if (toSeconds > fromSeconds)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 4}\">{Escape(Clock(fromSeconds))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + PlotWidth}\" y=\"{Height - 4}\" text-anchor=\"end\">{Escape(Clock(toSeconds))}</text>");
        }
    }

    internal static void Polyline(StringBuilder svg, int columns, Func<int, double> value, double top, string name, string color)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{name}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"");
        var width = PlotWidth / (double)columns;
        for (var i = 0; i < columns; i++)
        {
            var x = Left + (i * width);
            var y = Top + PlotHeight - (value(i) / top * PlotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"{F(x)},{F(y)} {F(x + width)},{F(y)} ");
        }

        svg.Length--;
        svg.Append("\"/>");
    }

    internal static void Legend(StringBuilder svg, params (string Name, string Color)[] entries)
    {
        var x = Left + 8;
        foreach (var (name, color) in entries)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Top + 6}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{x + 14}\" y=\"{Top + 15}\">{Escape(name)}</text>");
            x += 14 + (7 * name.Length) + 16;
        }
    }

    /// <summary>Rounds up to 1, 2 or 5 times a power of ten, for axis tops.</summary>
    internal static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var scaled = value / power;
        return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
    }

    internal static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalDays} d {t.Hours:00}:{t.Minutes:00}") : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}");
    }

    internal static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
