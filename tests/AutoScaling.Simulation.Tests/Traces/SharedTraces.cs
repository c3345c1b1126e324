using AutoScaling.Testing;

namespace AutoScaling.Simulation.Tests.Traces;

/// <summary>The shared real traces (<c>../shared/traces</c> beside the repository, or <c>AUTOSCALING_TRACES</c>).</summary>
internal static class SharedTraces
{
    public static string? Directory { get; } = Find();

    /// <summary>Gets a trace's path; fails in CI and skips elsewhere when the traces are not there.</summary>
    public static string Require(string file)
    {
        var path = Directory is null ? null : Path.Combine(Directory, file);
        Component.Require(path is not null && File.Exists(path), $"the shared trace {file} is not there (expected in ../shared/traces or AUTOSCALING_TRACES)");
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
