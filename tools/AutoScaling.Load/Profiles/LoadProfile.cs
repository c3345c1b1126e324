using System.Globalization;

namespace AutoScaling.Load;

/// <summary>A target request rate over time: what an open-loop generator sends, whatever the answers.</summary>
internal abstract record LoadProfile
{
    /// <summary>Gets the rate, in requests per second, at <paramref name="elapsed"/> from the start.</summary>
    public abstract double RateAt(TimeSpan elapsed);

    /// <summary>Gets how long the profile lasts by itself, or <see langword="null"/> when only the duration cap ends it.</summary>
    public virtual TimeSpan? Length => null;
}

/// <summary>The same rate throughout.</summary>
internal sealed record ConstantProfile(double Rate) : LoadProfile
{
    public override double RateAt(TimeSpan elapsed) => Rate;
}

/// <summary>From <paramref name="From"/> to <paramref name="To"/> linearly over <paramref name="Over"/>, then <paramref name="To"/>.</summary>
internal sealed record RampProfile(double From, double To, TimeSpan Over) : LoadProfile
{
    public override double RateAt(TimeSpan elapsed)
        => elapsed >= Over ? To : From + ((To - From) * (elapsed / Over));
}

/// <summary>Rates held one after another (<c>10x5s,50x10s</c>); after the last step the profile ends.</summary>
internal sealed record StepProfile(IReadOnlyList<(double Rate, TimeSpan Hold)> Steps) : LoadProfile
{
    public override TimeSpan? Length => Steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Hold);

    public override double RateAt(TimeSpan elapsed)
    {
        foreach (var (rate, hold) in Steps)
        {
            if (elapsed < hold)
            {
                return rate;
            }

            elapsed -= hold;
        }

        return 0;
    }

    /// <summary>Parses <c>RATExHOLD</c> items separated by commas: <c>10x5s,50x10s,10x5s</c>.</summary>
    public static StepProfile Parse(string text)
    {
        var steps = new List<(double, TimeSpan)>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var x = item.IndexOf('x', StringComparison.Ordinal);
            if (x <= 0 || !double.TryParse(item[..x], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate < 0 || !Durations.TryParse(item[(x + 1)..], out var hold) || hold <= TimeSpan.Zero)
            {
                throw new FormatException($"--steps item '{item}' is not RATExDURATION, as 50x10s.");
            }

            steps.Add((rate, hold));
        }

        return steps.Count > 0 ? new StepProfile(steps) : throw new FormatException("--steps is empty; give RATExDURATION items, as 10x5s,50x10s.");
    }
}

/// <summary><paramref name="Base"/>, with <paramref name="Peak"/> from <paramref name="At"/> for <paramref name="For"/>.</summary>
internal sealed record SpikeProfile(double Base, double Peak, TimeSpan At, TimeSpan For) : LoadProfile
{
    public override double RateAt(TimeSpan elapsed) => elapsed >= At && elapsed < At + For ? Peak : Base;
}

/// <summary>
/// A recorded trace (<c>timestamp_seconds,requests_per_second</c>, as in <c>../shared/traces</c>), each row's rate held
/// until the next row, played <paramref name="Speed"/> times faster (60: a trace minute per second) and its rates
/// multiplied by <paramref name="RateScale"/>.
/// </summary>
internal sealed record TraceProfile(IReadOnlyList<(double Seconds, double Rate)> Rows, double Speed, double RateScale) : LoadProfile
{
    public override TimeSpan? Length
        => TimeSpan.FromSeconds((Rows[^1].Seconds - Rows[0].Seconds + Step) / Speed);

    private double Step => Rows.Count > 1 ? Rows[^1].Seconds - Rows[^2].Seconds : 1;

    public override double RateAt(TimeSpan elapsed)
    {
        var at = Rows[0].Seconds + (elapsed.TotalSeconds * Speed);
        int low = 0, high = Rows.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Rows[mid].Seconds <= at)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return Rows[low].Rate * RateScale;
    }

    /// <summary>Reads a trace CSV: the header <c>timestamp_seconds,requests_per_second</c>, then rows in time order.</summary>
    public static TraceProfile Load(TextReader reader, double speed, double rateScale, string name)
    {
        var header = reader.ReadLine();
        if (header?.Trim() != "timestamp_seconds,requests_per_second")
        {
            throw new FormatException($"{name}: the first line is '{header}', not 'timestamp_seconds,requests_per_second'.");
        }

        var rows = new List<(double, double)>();
        var line = 1;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var parts = text.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                || !double.IsFinite(rate) || rate < 0
                || (rows.Count > 0 && seconds <= rows[^1].Item1))
            {
                throw new FormatException($"{name}, line {line}: '{text}' is not 'seconds,rate' with seconds increasing and a rate of 0 or more.");
            }

            rows.Add((seconds, rate));
        }

        return rows.Count > 0 ? new TraceProfile(rows, speed, rateScale) : throw new FormatException($"{name} has no rows.");
    }
}

/// <summary>Durations as written on the command line: <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        var (digits, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, 1.0);
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || number < 0 || number * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(number * unit);
        return true;
    }
}
