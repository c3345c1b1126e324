namespace AutoScaling.Simulation.Tests.Traces;

/// <summary>The shared real traces (<c>../shared/traces</c> beside the repository, or <c>AUTOSCALING_TRACES</c>).</summary>
internal static class SharedTraces
{
    public static string? Directory { get; } = Find();

    /// <summary>
    /// Gets a trace's path, or skips (also in CI) when the traces are not there: they are data beside the repository,
    /// not a component the setup scripts can install, and their licences keep some of them out of it. Every other
    /// simulation test runs on traces it writes itself.
    /// </summary>
    public static string Require(string file)
    {
        var path = Directory is null ? null : Path.Combine(Directory, file);
        Skip.If(path is null || !File.Exists(path), $"the shared trace {file} is not there (expected in ../shared/traces beside the repository, or in AUTOSCALING_TRACES)");
        return path!;
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("AUTOSCALING_TRACES") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "traces");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
