using System.CommandLine;

namespace AutoScaling.Simulation.Tool;

/// <summary>The options every command shares: the trace, the group's limits and the simulated instances. Durations in seconds.</summary>
internal sealed class ReplayOptions
{
    private readonly SimulationOptions _defaults = new();
    private readonly ScalingGroupOptions _groupDefaults = new();

    public Option<FileInfo> Trace { get; } = new("--trace", "-t") { Description = "The load: a CSV 'timestamp_seconds,requests_per_second' (as in ../shared/traces).", Required = true };

    public Option<double> Capacity { get; } = new("--capacity", "-c") { Description = "Requests per second one instance serves within its SLO.", DefaultValueFactory = _ => 100 };

    public Option<double> Target { get; } = new("--target") { Description = "Target tracking's target, in percent of an instance's capacity.", DefaultValueFactory = _ => 70 };

    public Option<int> Min { get; } = new("--min") { Description = "The group's smallest instance count.", DefaultValueFactory = _ => 1 };

    public Option<int> Max { get; } = new("--max") { Description = "The group's largest instance count.", DefaultValueFactory = _ => 50 };

    public Option<double> Interval { get; } = new("--interval") { Description = "Seconds between evaluations of the group." };

    public Option<double> Startup { get; } = new("--startup") { Description = "Seconds a new instance takes to become active (the mean when drawn)." };

    public Option<double> StartTimeout { get; } = new("--start-timeout") { Description = "Seconds a new instance may take to become active before it is marked failed (the group's InstanceStartTimeout); raise it above --startup for slow instances." };

    public Option<double> StartupSpread { get; } = new("--startup-spread") { Description = "Spread of drawn start-up delays, seconds." };

    public Option<StartupDelayDistribution> Distribution { get; } = new("--startup-distribution") { Description = "How start-up delays are drawn: Fixed, Uniform (± spread) or Exponential (delay + a tail of mean spread)." };

    public Option<double> FailureRate { get; } = new("--failure-rate") { Description = "Probability (0 to 1) that a new instance fails to start." };

    public Option<double> Drain { get; } = new("--drain") { Description = "Seconds a removed instance drains (paid, serving nothing new)." };

    public Option<double> MetricDelay { get; } = new("--metric-delay") { Description = "Seconds the seen load lags the real one (scrape and query)." };

    public Option<double> RateWindow { get; } = new("--rate-window") { Description = "Seconds the seen load is averaged over, as rate(…[window]) does; 0 for the instant rate." };

    public Option<DateTimeOffset?> Start { get; } = new("--start") { Description = "The date and time the trace's first point maps to, for schedules (2026-03-02T00:00:00+01:00); by default the trace's seconds count from 1970-01-01 UTC." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the random draws (start-up delays, failures)." };

    public Option<double> Price { get; } = new("--price") { Description = "Price of one instance-hour, for the cost." };

    public Option<FileInfo?> Config { get; } = new("--config") { Description = "An appsettings.json holding the group under AutoScaling:Groups:<group>, or a Kubernetes autoscaling/v2 HPA manifest (.yaml), or an AWS target-tracking or step-scaling policy (JSON; --min, --max and --interval give its group's limits); its settings and policies are replayed as the host would build them (policies read 'rps' or 'utilization'); --min, --max and --interval, when given, override the file's." };

    public Option<ConfigFormat?> Format { get; } = new("--format") { Description = "The format of --config: AppSettings, Hpa or Aws; by default detected from the extension and the first line." };

    public Option<string> GroupName { get; } = new("--group", "-g") { Description = "The group to read from --config.", DefaultValueFactory = _ => "web" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Trace, Config, Format, GroupName, Capacity, Target, Min, Max, Interval, Startup, StartTimeout, StartupSpread, Distribution, FailureRate, Drain, MetricDelay, RateWindow, Start, Seed, Price })
        {
            command.Options.Add(option);
        }

        Interval.DefaultValueFactory = _ => _groupDefaults.Interval.TotalSeconds;
        StartTimeout.DefaultValueFactory = _ => _groupDefaults.InstanceStartTimeout.TotalSeconds;
        Startup.DefaultValueFactory = _ => _defaults.StartupDelay.TotalSeconds;
        Drain.DefaultValueFactory = _ => _defaults.DrainTime.TotalSeconds;
        MetricDelay.DefaultValueFactory = _ => _defaults.MetricDelay.TotalSeconds;
        RateWindow.DefaultValueFactory = _ => _defaults.RateWindow.TotalSeconds;
        Seed.DefaultValueFactory = _ => _defaults.Seed;
        Price.DefaultValueFactory = _ => _defaults.PricePerInstanceHour;
    }

    public LoadTrace ReadTrace(ParseResult result)
    {
        var file = result.GetRequiredValue(Trace);
        if (!file.Exists)
        {
            throw new CliException($"--trace: the file '{file.FullName}' does not exist.");
        }

        return LoadTrace.Load(file.FullName);
    }

    /// <summary>Reads the group of --config, or <see langword="null"/> without --config.</summary>
    public (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies)? Configured(ParseResult result, SimulationOptions simulation)
    {
        if (result.GetValue(Config) is not { } file)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new CliException($"--config: the file '{file.FullName}' does not exist.");
        }

        var name = result.GetRequiredValue(GroupName);
        var loaded = GroupImport.Load(file.FullName, ConfigFormatOf(result) ?? ConfigFormat.AppSettings, name, Group(result), simulation);

        // A limit given on the command line overrides the file's, so one configuration can be tried at other sizes.
        var group = loaded.Group;
        if (Given(result, Min))
        {
            group.MinInstances = result.GetValue(Min);
        }

        if (Given(result, Max))
        {
            group.MaxInstances = result.GetValue(Max);
        }

        if (Given(result, Interval))
        {
            group.Interval = Seconds(result.GetValue(Interval));
        }

        if (GroupImport.Problems(name, group) is { } problems)
        {
            throw new CliException($"--config with --min, --max or --interval: {problems}");
        }

        return loaded;
    }

    /// <summary>The format of --config (given or detected), or <see langword="null"/> without --config.</summary>
    public ConfigFormat? ConfigFormatOf(ParseResult result)
        => result.GetValue(Format) ?? (result.GetValue(Config) is { Exists: true } file ? GroupImport.Detect(file.FullName) : null);

    public ScalingGroupOptions Group(ParseResult result) => new()
    {
        MinInstances = result.GetValue(Min),
        MaxInstances = result.GetValue(Max),
        Interval = Seconds(result.GetValue(Interval)),
        InstanceStartTimeout = Seconds(result.GetValue(StartTimeout)),
    };

    public SimulationOptions Simulation(ParseResult result) => new()
    {
        CapacityPerInstance = result.GetValue(Capacity),
        StartupDelay = Seconds(result.GetValue(Startup)),
        StartupDelaySpread = Seconds(result.GetValue(StartupSpread)),
        StartupDelayDistribution = result.GetValue(Distribution),
        StartFailureRate = result.GetValue(FailureRate),
        DrainTime = Seconds(result.GetValue(Drain)),
        MetricDelay = Seconds(result.GetValue(MetricDelay)),
        RateWindow = Seconds(result.GetValue(RateWindow)),
        StartTime = result.GetValue(Start),
        Seed = result.GetValue(Seed),
        PricePerInstanceHour = result.GetValue(Price),
    };

    /// <summary>Builds the named preset's policies; an unknown name is an error that lists the known ones.</summary>
    public IReadOnlyList<IScalingPolicy> Policies(ParseResult result, string name, SimulationOptions simulation)
        => PolicyPresets.CreateAll(name, simulation, result.GetValue(Target))
           ?? throw new CliException($"unknown policy '{name}'; known: {string.Join(", ", PolicyPresets.Known)}.");

    private static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static TimeSpan Seconds(double value)
        => double.IsFinite(value) && Math.Abs(value) < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(value) : TimeSpan.MinValue;
}

/// <summary>A user error the tool reports as one line on stderr, with exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
