namespace AutoScaling.Simulation;

/// <summary>The formats a group can be read from and written back to.</summary>
internal enum ConfigFormat
{
    /// <summary>Our own <c>appsettings.json</c>, the group under <c>AutoScaling:Groups:&lt;name&gt;</c>.</summary>
    AppSettings,

    /// <summary>A Kubernetes <c>autoscaling/v2</c> HorizontalPodAutoscaler manifest (YAML).</summary>
    Hpa,

    /// <summary>An AWS target-tracking or step-scaling policy (JSON, as <c>put-scaling-policy --cli-input-json</c> takes it).</summary>
    Aws,
}

/// <summary>Picks the import for a file's format and runs it.</summary>
internal static class GroupImport
{
    /// <summary>
    /// Detects the format: <c>.yaml</c>/<c>.yml</c> or a document starting with <c>apiVersion:</c> is an HPA manifest;
    /// JSON naming a <c>TargetTrackingConfiguration</c> or <c>StepScalingPolicyConfiguration</c> is an AWS policy;
    /// anything else appsettings.json.
    /// </summary>
    public static ConfigFormat Detect(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigFormat.Hpa;
        }

        using var reader = File.OpenText(path);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith('#') && text != "---")
            {
                return text.StartsWith("apiVersion:", StringComparison.Ordinal) || text.StartsWith("kind:", StringComparison.Ordinal) ? ConfigFormat.Hpa : Json(reader, text);
            }
        }

        return ConfigFormat.AppSettings;
    }

    /// <summary>Whether a tuning candidate can be written in <paramref name="format"/> over the group <paramref name="base"/>.</summary>
    public static bool CanWrite(ConfigFormat format, TuningCandidate candidate, ScalingGroupOptions @base) => format switch
    {
        // The HPA is target tracking without cooldowns.
        ConfigFormat.Hpa => candidate.Policy is TunedTargetTracking && candidate.ScaleDownCooldown == TimeSpan.Zero && candidate.ScaleUpCooldown == TimeSpan.Zero,

        // AWS keeps the minimum on the Auto Scaling group, not in the policy; target tracking has no tolerance, window,
        // cooldown or rate policy, and step scaling one cooldown for both directions.
        ConfigFormat.Aws => candidate.MinInstances == @base.MinInstances
            && candidate.ScaleDownWindow == @base.ScaleDown.StabilizationWindow
            && candidate.ScaleDownRate is null && candidate.ScaleUpRate is null
            && candidate.Policy switch
            {
                TunedTargetTracking t => t.Tolerance == Policies.TargetTrackingPolicy.DefaultTolerance && candidate.ScaleDownCooldown == TimeSpan.Zero && candidate.ScaleUpCooldown == TimeSpan.Zero,
                TunedStepScaling => candidate.ScaleDownCooldown == candidate.ScaleUpCooldown,
                _ => false,
            },
        _ => true,
    };

    /// <summary>The problems the host would refuse the group for at start (group, field and value named), or <see langword="null"/>.</summary>
    public static string? Problems(string groupName, ScalingGroupOptions group)
        => new ScalingGroupOptionsValidator().Validate(groupName, group) is { Failed: true } result ? result.FailureMessage : null;

    private static ConfigFormat Json(TextReader reader, string first)
    {
        var text = first + reader.ReadToEnd();
        return text.Contains("\"TargetTrackingConfiguration\"", StringComparison.Ordinal) || text.Contains("\"StepScalingPolicyConfiguration\"", StringComparison.Ordinal)
            ? ConfigFormat.Aws
            : ConfigFormat.AppSettings;
    }

    /// <summary>Loads the group; <paramref name="limits"/> gives the minimum, maximum and interval an AWS policy does not hold.</summary>
    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Load(string path, ConfigFormat format, string groupName, ScalingGroupOptions limits, SimulationOptions simulation) => format switch
    {
        ConfigFormat.Hpa => HpaImport.Load(path, groupName, simulation),
        ConfigFormat.Aws => AwsImport.Load(path, groupName, limits, simulation),
        _ => AppSettingsImport.Load(path, groupName, simulation),
    };
}
