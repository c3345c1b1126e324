using System.Globalization;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AutoScaling.Simulation;

/// <summary>
/// Reads a Kubernetes <c>autoscaling/v2</c> HorizontalPodAutoscaler manifest as a group: the manifest becomes the
/// group's configuration keys, which then go through the same <c>AddScalingGroup(name, section)</c> path as an
/// appsettings.json (<see cref="AppSettingsImport.Build"/>). What the engine cannot represent is refused, naming the
/// field and its value.
/// </summary>
internal static class HpaImport
{
    /// <summary>The HPA's target when <c>spec.metrics</c> is absent: 80 % average CPU utilization.</summary>
    private const int DefaultCpuUtilization = 80;

    /// <summary>Loads the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidOperationException">The YAML is malformed (line and column given), or a field cannot be represented.</exception>
    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Load(string path, string groupName, SimulationOptions simulation)
    {
        using var reader = File.OpenText(path);
        return Read(reader, Path.GetFileName(path), groupName, simulation);
    }

    /// <summary>Reads a manifest; <paramref name="source"/> names it in messages.</summary>
    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Read(TextReader reader, string source, string groupName, SimulationOptions simulation)
    {
        var keys = ToKeys(Parse(reader, source), source, simulation);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
        return AppSettingsImport.Build(configuration.GetSection(Root), groupName, simulation);
    }

    private const string Root = "group";

    private static YamlMappingNode Parse(TextReader reader, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"{source}: not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new InvalidOperationException($"{source}: expected one YAML document holding a HorizontalPodAutoscaler, found {stream.Documents.Count} document(s).");
    }

    private static Dictionary<string, string?> ToKeys(YamlMappingNode root, string source, SimulationOptions simulation)
    {
        var m = new Manifest(source);
        m.Expect(root, "apiVersion", "autoscaling/v2");
        m.Expect(root, "kind", "HorizontalPodAutoscaler");
        var spec = m.Mapping(root, "spec", "spec") ?? throw m.Error("spec", "missing", "the manifest has no spec");
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{Root}:MinInstances"] = m.Scalar(spec, "minReplicas", "spec.minReplicas") ?? "1",
            [$"{Root}:MaxInstances"] = m.Scalar(spec, "maxReplicas", "spec.maxReplicas") ?? throw m.Error("spec.maxReplicas", "missing", "the HPA requires it"),
        };

        var behavior = m.Mapping(spec, "behavior", "spec.behavior");
        var tolerance = new Dictionary<string, string?>();
        foreach (var (field, name) in new[] { ("scaleUp", "ScaleUp"), ("scaleDown", "ScaleDown") })
        {
            if (behavior is not null && m.Mapping(behavior, field, $"spec.behavior.{field}") is { } rules)
            {
                Rules(m, rules, $"spec.behavior.{field}", $"{Root}:{name}", keys, tolerance, field == "scaleUp" ? "ToleranceUp" : "ToleranceDown");
            }
        }

        var metrics = spec.Children.TryGetValue(new YamlScalarNode("metrics"), out var list) ? list as YamlSequenceNode ?? throw m.Error("spec.metrics", Text(list), "expected a list") : null;
        if (metrics is null || metrics.Children.Count == 0)
        {
            Policy(keys, 0, simulation.UtilizationMetricName, "TargetUtilization", DefaultCpuUtilization.ToString(CultureInfo.InvariantCulture), tolerance);
            return keys;
        }

        for (var i = 0; i < metrics.Children.Count; i++)
        {
            var at = $"spec.metrics[{i}]";
            var metric = metrics.Children[i] as YamlMappingNode ?? throw m.Error(at, Text(metrics.Children[i]), "expected a mapping");
            var (target, value) = Metric(m, metric, at, simulation);
            Policy(keys, i, target == "TargetUtilization" ? simulation.UtilizationMetricName : simulation.MetricName, target, value, tolerance);
        }

        return keys;
    }

    /// <summary>Maps one metric to (our target field, its value).</summary>
    private static (string Target, string Value) Metric(Manifest m, YamlMappingNode metric, string at, SimulationOptions simulation)
    {
        var type = m.Scalar(metric, "type", $"{at}.type") ?? throw m.Error($"{at}.type", "missing", "each metric needs a type");
        switch (type)
        {
            case "Resource":
                var resource = m.Mapping(metric, "resource", $"{at}.resource") ?? throw m.Error($"{at}.resource", "missing", "a Resource metric needs it");
                var name = m.Scalar(resource, "name", $"{at}.resource.name");
                if (name != "cpu")
                {
                    throw m.Error($"{at}.resource.name", name ?? "missing", $"only cpu maps to the simulator's '{simulation.UtilizationMetricName}' metric");
                }

                var cpu = m.Mapping(resource, "target", $"{at}.resource.target") ?? throw m.Error($"{at}.resource.target", "missing", "a metric needs a target");
                var cpuType = m.Scalar(cpu, "type", $"{at}.resource.target.type");
                return cpuType == "Utilization"
                    ? ("TargetUtilization", m.Scalar(cpu, "averageUtilization", $"{at}.resource.target.averageUtilization") ?? throw m.Error($"{at}.resource.target.averageUtilization", "missing", "a Utilization target needs it"))
                    : throw m.Error($"{at}.resource.target.type", cpuType ?? "missing", "only Utilization is supported for cpu (an absolute CPU quantity has no counterpart in the simulator)");
            case "Pods" or "Object" or "External":
                var field = type.ToLowerInvariant();
                var source = m.Mapping(metric, field, $"{at}.{field}") ?? throw m.Error($"{at}.{field}", "missing", $"a {type} metric needs it");
                var target = m.Mapping(source, "target", $"{at}.{field}.target") ?? throw m.Error($"{at}.{field}.target", "missing", "a metric needs a target");
                var targetType = m.Scalar(target, "type", $"{at}.{field}.target.type");
                if (targetType != "AverageValue")
                {
                    // A Value target scales current replicas by actual/target of one object's value: no per-instance target.
                    throw m.Error($"{at}.{field}.target.type", targetType ?? "missing", $"only AverageValue maps to a target per instance on '{simulation.MetricName}'");
                }

                var quantity = m.Scalar(target, "averageValue", $"{at}.{field}.target.averageValue") ?? throw m.Error($"{at}.{field}.target.averageValue", "missing", "an AverageValue target needs it");
                return ("TargetPerInstance", Quantity(m, quantity, $"{at}.{field}.target.averageValue"));
            default:
                throw m.Error($"{at}.type", type, "supported metric types are Resource (cpu Utilization), Pods, Object and External (AverageValue)");
        }
    }

    private static void Rules(Manifest m, YamlMappingNode rules, string at, string prefix, Dictionary<string, string?> keys, Dictionary<string, string?> tolerance, string toleranceKey)
    {
        foreach (var key in rules.Children.Keys)
        {
            var name = Text(key);
            if (name is not ("stabilizationWindowSeconds" or "selectPolicy" or "policies" or "tolerance"))
            {
                throw m.Error($"{at}.{name}", Text(rules.Children[key]), "not a field of HPAScalingRules this import maps");
            }
        }

        if (m.Scalar(rules, "stabilizationWindowSeconds", $"{at}.stabilizationWindowSeconds") is { } window)
        {
            keys[$"{prefix}:StabilizationWindow"] = Seconds(m, window, $"{at}.stabilizationWindowSeconds");
        }

        if (m.Scalar(rules, "selectPolicy", $"{at}.selectPolicy") is { } select)
        {
            keys[$"{prefix}:SelectPolicy"] = select is "Max" or "Min" or "Disabled" ? select : throw m.Error($"{at}.selectPolicy", select, "expected Max, Min or Disabled");
        }

        if (m.Scalar(rules, "tolerance", $"{at}.tolerance") is { } value)
        {
            tolerance[toleranceKey] = Quantity(m, value, $"{at}.tolerance");
        }

        if (!rules.Children.TryGetValue(new YamlScalarNode("policies"), out var node))
        {
            return;
        }

        var policies = node as YamlSequenceNode ?? throw m.Error($"{at}.policies", Text(node), "expected a list");
        for (var i = 0; i < policies.Children.Count; i++)
        {
            var p = policies.Children[i] as YamlMappingNode ?? throw m.Error($"{at}.policies[{i}]", Text(policies.Children[i]), "expected a mapping");
            var type = m.Scalar(p, "type", $"{at}.policies[{i}].type");
            keys[$"{prefix}:Policies:{i}:Kind"] = type switch
            {
                "Pods" => nameof(ScalingRateKind.Instances),
                "Percent" => nameof(ScalingRateKind.Percent),
                _ => throw m.Error($"{at}.policies[{i}].type", type ?? "missing", "expected Pods or Percent"),
            };
            keys[$"{prefix}:Policies:{i}:Value"] = m.Scalar(p, "value", $"{at}.policies[{i}].value") ?? throw m.Error($"{at}.policies[{i}].value", "missing", "a policy needs a value");
            keys[$"{prefix}:Policies:{i}:Period"] = Seconds(m, m.Scalar(p, "periodSeconds", $"{at}.policies[{i}].periodSeconds") ?? throw m.Error($"{at}.policies[{i}].periodSeconds", "missing", "a policy needs periodSeconds"), $"{at}.policies[{i}].periodSeconds");
        }
    }

    private static void Policy(Dictionary<string, string?> keys, int index, string metric, string target, string value, Dictionary<string, string?> tolerance)
    {
        var prefix = $"{Root}:Policies:{index}";
        keys[$"{prefix}:Type"] = Policies.TargetTrackingPolicy.Kind;
        keys[$"{prefix}:Metric"] = metric;
        keys[$"{prefix}:{target}"] = value;
        foreach (var (key, v) in tolerance)
        {
            keys[$"{prefix}:{key}"] = v;
        }
    }

    private static string Seconds(Manifest m, string value, string field)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : throw m.Error(field, value, "expected a whole number of seconds, at least 0");

    /// <summary>Parses a Kubernetes quantity (<c>250m</c>, <c>1.5</c>, <c>2k</c>) into an invariant decimal.</summary>
    private static string Quantity(Manifest m, string value, string field)
    {
        (string Suffix, double Factor)[] suffixes = [("Ki", 1024), ("Mi", 1024 * 1024), ("Gi", 1024 * 1024 * 1024), ("m", 0.001), ("k", 1e3), ("M", 1e6), ("G", 1e9)];
        var (number, factor) = (value, 1d);
        foreach (var (suffix, f) in suffixes)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                (number, factor) = (value[..^suffix.Length], f);
                break;
            }
        }

        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            ? (parsed * factor).ToString("R", CultureInfo.InvariantCulture)
            : throw m.Error(field, value, "expected a quantity such as 100, 250m or 1.5k");
    }

    private static string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : node.NodeType.ToString().ToLowerInvariant();

    /// <summary>Field access that names the field, its value and its line in every refusal.</summary>
    private sealed class Manifest(string source)
    {
        public string? Scalar(YamlMappingNode parent, string key, string field)
        {
            if (!parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return null;
            }

            return node is YamlScalarNode scalar ? scalar.Value : throw Error(field, Text(node), "expected a single value", node);
        }

        public YamlMappingNode? Mapping(YamlMappingNode parent, string key, string field)
        {
            if (!parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return null;
            }

            return node as YamlMappingNode ?? throw Error(field, Text(node), "expected a mapping", node);
        }

        public void Expect(YamlMappingNode parent, string key, string expected)
        {
            var value = Scalar(parent, key, key);
            if (value != expected)
            {
                throw Error(key, value ?? "missing", $"expected {expected}");
            }
        }

        public InvalidOperationException Error(string field, string value, string why, YamlNode? at = null)
            => new(at is null
                ? $"{source}: {field} = '{value}' is not supported: {why}."
                : $"{source} (line {at.Start.Line}, column {at.Start.Column}): {field} = '{value}' is not supported: {why}.");
    }
}
