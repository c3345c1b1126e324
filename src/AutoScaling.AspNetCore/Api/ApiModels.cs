using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoScaling.AspNetCore;

/// <summary>The body of <c>POST groups/{name}/scale</c>.</summary>
internal sealed record ScaleRequest
{
    [JsonRequired]
    public int Target { get; init; }
}

internal sealed record InstanceCounts(int Starting, int Active, int Draining, int Failed);

internal sealed record InstanceView(string Id, string? Address, InstanceState State, string? FailureReason);

internal sealed record MetricView(MetricStatus Status, double? Value, DateTimeOffset Time, string? Error);

internal sealed record ForecastView(string Metric, bool ForecastOnly, bool Ready, DateTimeOffset? ForecastFor, double? Value, double? Lower, double? Upper, int? Instances, double? MapePercent, double? CoveragePercent, long Scored)
{
    public static ForecastView Of(ForecastStatus f) => new(f.Metric, f.ForecastOnly, f.Ready, f.ForecastFor, f.Value, f.Lower, f.Upper, f.Instances, f.MapePercent, f.CoveragePercent, f.Scored);
}

internal sealed record DecisionView(int Current, int Desired, int Recommended, ScalingReason Reason, bool DryRun);

internal sealed record EventView(DateTimeOffset Time, int From, int To, ScalingReason Reason, ScalingOutcome Outcome, int Reached, string? Detail)
{
    public static EventView Of(ScalingEvent e) => new(e.Time, e.From, e.To, e.Reason, e.Outcome, e.Reached, e.Detail);
}

/// <summary>A group as the API shows it.</summary>
internal sealed record GroupView
{
    public required string Name { get; init; }

    public int CurrentInstances { get; init; }

    public int? DesiredInstances { get; init; }

    public int MinInstances { get; init; }

    public int MaxInstances { get; init; }

    public bool Paused { get; init; }

    public bool DryRun { get; init; }

    public int? ManualTarget { get; init; }

    public bool OperationInProgress { get; init; }

    public required InstanceCounts InstancesByState { get; init; }

    public required IReadOnlyList<InstanceView> Instances { get; init; }

    public required IReadOnlyDictionary<string, MetricView> Metrics { get; init; }

    public DecisionView? LastDecision { get; init; }

    public DateTimeOffset? LastEvaluatedAt { get; init; }

    public string? LastError { get; init; }

    public double ScaleUpCooldownRemainingSeconds { get; init; }

    public double ScaleDownCooldownRemainingSeconds { get; init; }

    public int ConsecutiveFailedTicks { get; init; }

    public bool MetricFallbackActive { get; init; }

    public IReadOnlyList<string> ActiveSchedules { get; init; } = [];
    /// <summary>Gets the forecasting policies' latest forecasts and accuracy; absent (null) when the group has none.</summary>
    public IReadOnlyList<ForecastView>? Forecasts { get; init; }

    public static GroupView From(ScalingGroupStatus s)
    {
        var instances = new InstanceView[s.Instances.Count];
        for (var i = 0; i < instances.Length; i++)
        {
            var x = s.Instances[i];
            instances[i] = new InstanceView(x.Id, x.Address, x.State, x.FailureReason);
        }

        var metrics = new Dictionary<string, MetricView>(s.Metrics.Count, StringComparer.Ordinal);
        foreach (var (name, sample) in s.Metrics)
        {
            metrics[name] = new MetricView(sample.Status, sample.IsValid && double.IsFinite(sample.Value) ? sample.Value : null, sample.Timestamp, sample.Error);
        }

        var counts = new InstanceCounts(s.Count(InstanceState.Starting), s.Count(InstanceState.Active), s.Count(InstanceState.Draining), s.Count(InstanceState.Failed));
        var d = s.LastDecision;
        return new GroupView
        {
            Name = s.Name,
            CurrentInstances = counts.Starting + counts.Active,
            DesiredInstances = d?.DesiredInstances,
            MinInstances = s.MinInstances,
            MaxInstances = s.MaxInstances,
            Paused = s.Paused,
            DryRun = s.DryRun,
            ManualTarget = s.ManualTarget,
            OperationInProgress = s.OperationInProgress,
            InstancesByState = counts,
            Instances = instances,
            Metrics = metrics,
            LastDecision = d is { } v ? new DecisionView(v.CurrentInstances, v.DesiredInstances, v.RecommendedInstances, v.Reason, v.IsDryRun) : null,
            LastEvaluatedAt = s.LastEvaluatedAt,
            LastError = s.LastError,
            ScaleUpCooldownRemainingSeconds = s.ScaleUpCooldownRemaining.TotalSeconds,
            ScaleDownCooldownRemainingSeconds = s.ScaleDownCooldownRemaining.TotalSeconds,
            ConsecutiveFailedTicks = s.ConsecutiveFailedTicks,
            MetricFallbackActive = s.MetricFallbackActive,
            ActiveSchedules = s.ActiveSchedules,
            Forecasts = s.Forecasts.Count == 0 ? null : [.. s.Forecasts.Select(ForecastView.Of)],
        };
    }
}

/// <summary>The answer of <c>POST evaluate</c>: the decision and the group after it.</summary>
internal sealed record EvaluationView(DecisionView? Decision, GroupView Group);

/// <summary>Source-generated JSON for every type the API reads or writes (AOT-safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScaleRequest))]
[JsonSerializable(typeof(GroupView))]
[JsonSerializable(typeof(GroupView[]))]
[JsonSerializable(typeof(EventView[]))]
[JsonSerializable(typeof(EvaluationView))]
[JsonSerializable(typeof(ForecastView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
