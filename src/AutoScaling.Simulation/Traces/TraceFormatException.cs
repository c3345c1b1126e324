namespace AutoScaling.Simulation;

/// <summary>A load trace that cannot be read: names the source, the line and the column of the first problem.</summary>
public sealed class TraceFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="TraceFormatException"/> class.</summary>
    public TraceFormatException()
        : this("(unknown)", 0, 0, "The trace is not valid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TraceFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TraceFormatException(string message)
        : this("(unknown)", 0, 0, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TraceFormatException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TraceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "(unknown)";
    }

    /// <summary>Initializes a new instance of the <see cref="TraceFormatException"/> class.</summary>
    /// <param name="source">The trace's name (usually its path).</param>
    /// <param name="line">The 1-based line, or 0 when the problem is the whole trace.</param>
    /// <param name="column">The 1-based column (field), or 0 when the problem is the whole line.</param>
    /// <param name="problem">What is wrong.</param>
    public TraceFormatException(string source, int line, int column, string problem)
        : base(Describe(source, line, column, problem))
    {
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>Gets the 1-based line of the problem, or 0 when it concerns the whole trace.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column (CSV field) of the problem, or 0 when it concerns the whole line.</summary>
    public int Column { get; }

    private static string Describe(string source, int line, int column, string problem)
        => line == 0 ? $"{source}: {problem}"
        : column == 0 ? $"{source}, line {line}: {problem}"
        : $"{source}, line {line}, column {column}: {problem}";
}
