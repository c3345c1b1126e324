using System.Globalization;
using AutoScaling.Simulation;
using CustomPolicySample;

// Usage: dotnet run --project samples/CustomPolicy [trace.csv]
// Default trace: worldcup98_0625_0627_1min.csv from AUTOSCALING_TRACES or a shared/traces folder beside the repository.
var path = args.Length > 0 ? args[0] : FindSharedTrace("worldcup98_0625_0627_1min.csv");
if (path is null || !File.Exists(path))
{
    Console.Error.WriteLine("error: no trace (pass a CSV path, or set AUTOSCALING_TRACES to the shared traces folder)");
    return 2;
}

var trace = LoadTrace.Load(path);
Console.WriteLine($"{Path.GetFileName(path)}: {trace.Count} points, {trace.Duration.TotalHours:0.#} h");
Console.WriteLine("| policy | instance-hours | τU % | θU % | θO % | actions | direction changes/h | peak |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (name, s) in SloStepReplay.Run(trace))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {s.InstanceHours:0.0} | {s.TauU:0.00} | {s.ThetaU:0.00} | {s.ThetaO:0.0} | {s.Actions} | {s.DirectionChangesPerHour:0.000} | {s.PeakInstances} |"));
}

return 0;

static string? FindSharedTrace(string file)
{
    if (Environment.GetEnvironmentVariable("AUTOSCALING_TRACES") is { Length: > 0 } configured)
    {
        return Path.Combine(configured, file);
    }

    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "traces", file);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    return null;
}
