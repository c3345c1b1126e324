namespace AutoScaling.Simulation;

/// <summary>The formats a group can be read from and written back to.</summary>
internal enum ConfigFormat
{
    /// <summary>Our own <c>appsettings.json</c>, the group under <c>AutoScaling:Groups:&lt;name&gt;</c>.</summary>
    AppSettings,

    /// <summary>A Kubernetes <c>autoscaling/v2</c> HorizontalPodAutoscaler manifest (YAML).</summary>
    Hpa,
}

/// <summary>Picks the import for a file's format and runs it.</summary>
internal static class GroupImport
{
    /// <summary>Detects the format: <c>.yaml</c>/<c>.yml</c> or a document starting with <c>apiVersion:</c> is an HPA manifest, anything else appsettings.json.</summary>
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
                return text.StartsWith("apiVersion:", StringComparison.Ordinal) || text.StartsWith("kind:", StringComparison.Ordinal) ? ConfigFormat.Hpa : ConfigFormat.AppSettings;
            }
        }

        return ConfigFormat.AppSettings;
    }

    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Load(string path, ConfigFormat format, string groupName, SimulationOptions simulation) => format switch
    {
        ConfigFormat.Hpa => HpaImport.Load(path, groupName, simulation),
        _ => AppSettingsImport.Load(path, groupName, simulation),
    };
}
