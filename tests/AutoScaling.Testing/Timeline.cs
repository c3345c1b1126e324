using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Testing;

/// <summary>What an end-to-end test saw, line by line, each stamped with the seconds since the test began. Thread-safe.</summary>
public sealed class Timeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _lines = [];

    /// <summary>Gets every line so far, one per row.</summary>
    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Adds a line.</summary>
    /// <param name="line">The line.</param>
    public void Note(string line)
    {
        lock (_lines)
        {
            _lines.Add(string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,6:F1}s  {line}"));
        }
    }
}
