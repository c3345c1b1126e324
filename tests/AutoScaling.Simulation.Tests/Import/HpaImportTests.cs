using AutoScaling.Policies;
using AutoScaling.Simulation.Tests.Traces;
using Microsoft.Extensions.Options;

namespace AutoScaling.Simulation.Tests.Import;

public sealed class HpaImportTests : IDisposable
{
    /// <summary>A production-shaped HPA: requests per pod from a Prometheus adapter, CPU as a guard, tuned behavior.</summary>
    internal const string Realistic = """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: web
          namespace: shop
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: web
          minReplicas: 2
          maxReplicas: 40
          metrics:
          - type: Pods
            pods:
              metric:
                name: http_requests_per_second
              target:
                type: AverageValue
                averageValue: "70"
          - type: Resource
            resource:
              name: cpu
              target:
                type: Utilization
                averageUtilization: 75
          behavior:
            scaleUp:
              stabilizationWindowSeconds: 30
              selectPolicy: Max
              policies:
              - type: Pods
                value: 6
                periodSeconds: 60
              - type: Percent
                value: 50
                periodSeconds: 60
            scaleDown:
              stabilizationWindowSeconds: 600
              selectPolicy: Min
              policies:
              - type: Percent
                value: 10
                periodSeconds: 60
        """;

    /// <summary>The same group as <see cref="Realistic"/>, written as our appsettings.json.</summary>
    private const string RealisticAppSettings = """
        { "AutoScaling": { "Groups": { "web": {
          "MinInstances": 2, "MaxInstances": 40,
          "ScaleUp": { "StabilizationWindow": "00:00:30", "SelectPolicy": "Max", "Policies": [
            { "Kind": "Instances", "Value": 6, "Period": "00:01:00" }, { "Kind": "Percent", "Value": 50, "Period": "00:01:00" } ] },
          "ScaleDown": { "StabilizationWindow": "00:10:00", "SelectPolicy": "Min", "Policies": [
            { "Kind": "Percent", "Value": 10, "Period": "00:01:00" } ] },
          "Policies": [
            { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 70 },
            { "Type": "TargetTracking", "Metric": "utilization", "TargetUtilization": 75 } ] } } } }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("autoscaling-hpa-").FullName;
    private readonly SimulationOptions _simulation = new() { CapacityPerInstance = 100 };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_realistic_manifest_maps_limits_behavior_and_every_metric()
    {
        var (group, policies) = Import(Realistic);

        Assert.Equal((2, 40), (group.MinInstances, group.MaxInstances));
        Assert.Equal((TimeSpan.FromSeconds(30), RatePolicySelection.Max), (group.ScaleUp.StabilizationWindow, group.ScaleUp.SelectPolicy));
        Assert.Equal(["Instances 6 00:01:00", "Percent 50 00:01:00"], group.ScaleUp.Policies.Select(Describe));
        Assert.Equal((TimeSpan.FromMinutes(10), RatePolicySelection.Min), (group.ScaleDown.StabilizationWindow, group.ScaleDown.SelectPolicy));
        Assert.Equal(["Percent 10 00:01:00"], group.ScaleDown.Policies.Select(Describe));
        Assert.Equal(["rps", "utilization"], policies.Cast<TargetTrackingPolicy>().Select(p => p.Metric));
    }

    [Fact]
    public void Without_behavior_the_HPA_defaults_apply()
    {
        var (group, policies) = Import("""
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            spec:
              maxReplicas: 10
            """);

        // Our defaults are the HPA's: up no window, max(4 pods, 100 %) per 15 s; down 300 s window, 100 % per 15 s.
        Assert.Equal(1, group.MinInstances);
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromSeconds(300)), (group.ScaleUp.StabilizationWindow, group.ScaleDown.StabilizationWindow));
        Assert.Empty(group.ScaleUp.Policies);
        Assert.Empty(group.ScaleDown.Policies);
        Assert.Equal("utilization", Assert.IsType<TargetTrackingPolicy>(Assert.Single(policies)).Metric); // 80 % CPU
    }

    [SkippableFact]
    public void The_import_replays_exactly_like_the_same_group_in_appsettings_on_a_shared_trace()
    {
        var trace = LoadTrace.Load(SharedTraces.Require("worldcup98_0625_0627_1min.csv"));
        var settings = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(settings, RealisticAppSettings);

        var fromHpa = Replay(Import(Realistic), trace);
        var fromAppSettings = Replay(AppSettingsImport.Load(settings, "web", _simulation), trace);

        Assert.Equal(fromAppSettings, fromHpa);
        Assert.True(fromHpa.Cost > 0);
    }

    [SkippableTheory]
    [InlineData(0.1)]
    [InlineData(0.05)]
    public void Import_export_import_gives_the_same_options_and_the_same_replay(double tolerance)
    {
        var (group, _) = Import(Realistic);
        var first = Export(group, targetPerInstance: 66.5, tolerance);

        var (again, policies) = Import(first);
        var second = Export(again, targetPerInstance: 66.5, tolerance);

        Assert.Equal(first, second);
        Assert.Equal((group.MinInstances, group.MaxInstances), (again.MinInstances, again.MaxInstances));
        Assert.Equal(group.ScaleUp.Policies.Select(Describe), again.ScaleUp.Policies.Select(Describe));
        Assert.Equal(group.ScaleDown.Policies.Select(Describe), again.ScaleDown.Policies.Select(Describe));
        Assert.Equal((group.ScaleDown.StabilizationWindow, group.ScaleDown.SelectPolicy), (again.ScaleDown.StabilizationWindow, again.ScaleDown.SelectPolicy));
        var trace = LoadTrace.Load(SharedTraces.Require("worldcup98_0625_0627_1min.csv"));
        var expected = Replay((group, [new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 66.5, ToleranceUp = tolerance, ToleranceDown = tolerance })]), trace);
        Assert.Equal(expected, Replay((again, policies), trace));
    }

    [Fact]
    public void Export_refuses_a_cooldown_it_cannot_express()
    {
        var group = new ScalingGroupOptions();
        group.ScaleDown.Cooldown = TimeSpan.FromSeconds(60);

        var error = Assert.Throws<InvalidOperationException>(() => Export(group, 70, 0.1));

        Assert.Equal("the scale-down cooldown 60 s has no HPA field; only a group without cooldowns can be written as an HPA.", error.Message);
    }

    [Theory]
    [InlineData("spec:\n  maxReplicas: [1\n", "hpa.yaml: not valid YAML at line 3, column 1:")]
    [InlineData("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nspec:\n  maxReplicas: 3\n", "hpa.yaml: apiVersion = 'autoscaling/v1' is not supported: expected autoscaling/v2.")]
    [InlineData("apiVersion: autoscaling/v2\nkind: Deployment\n", "hpa.yaml: kind = 'Deployment' is not supported: expected HorizontalPodAutoscaler.")]
    [InlineData("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  minReplicas: 2\n", "hpa.yaml: spec.maxReplicas = 'missing' is not supported: the HPA requires it.")]
    [InlineData(Header + "  metrics:\n  - type: ContainerResource\n", "hpa.yaml: spec.metrics[0].type = 'ContainerResource' is not supported: supported metric types are Resource (cpu Utilization), Pods, Object and External (AverageValue).")]
    [InlineData(Header + "  metrics:\n  - type: Resource\n    resource:\n      name: memory\n      target: {type: Utilization, averageUtilization: 60}\n", "hpa.yaml: spec.metrics[0].resource.name = 'memory' is not supported: only cpu maps to the simulator's 'utilization' metric.")]
    [InlineData(Header + "  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: AverageValue, averageValue: 500m}\n", "hpa.yaml: spec.metrics[0].resource.target.type = 'AverageValue' is not supported: only Utilization is supported for cpu (an absolute CPU quantity has no counterpart in the simulator).")]
    [InlineData(Header + "  metrics:\n  - type: Object\n    object:\n      metric: {name: queue}\n      target: {type: Value, value: \"100\"}\n", "hpa.yaml: spec.metrics[0].object.target.type = 'Value' is not supported: only AverageValue maps to a target per instance on 'rps'.")]
    [InlineData(Header + "  metrics:\n  - type: External\n    external:\n      metric: {name: queue}\n      target: {type: AverageValue, averageValue: lots}\n", "hpa.yaml: spec.metrics[0].external.target.averageValue = 'lots' is not supported: expected a quantity such as 100, 250m or 1.5k.")]
    [InlineData(Header + "  behavior:\n    scaleUp:\n      selectPolicy: Sometimes\n", "hpa.yaml: spec.behavior.scaleUp.selectPolicy = 'Sometimes' is not supported: expected Max, Min or Disabled.")]
    [InlineData(Header + "  behavior:\n    scaleDown:\n      policies:\n      - {type: Nodes, value: 1, periodSeconds: 15}\n", "hpa.yaml: spec.behavior.scaleDown.policies[0].type = 'Nodes' is not supported: expected Pods or Percent.")]
    [InlineData(Header + "  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 1.5\n", "hpa.yaml: spec.behavior.scaleDown.stabilizationWindowSeconds = '1.5' is not supported: expected a whole number of seconds, at least 0.")]
    [InlineData(Header + "  behavior:\n    scaleDown:\n      cooldownSeconds: 60\n", "hpa.yaml: spec.behavior.scaleDown.cooldownSeconds = '60' is not supported: not a field of HPAScalingRules this import maps.")]
    [InlineData(Header + "  behavior:\n    scaleUp:\n      policies: many\n", "hpa.yaml: spec.behavior.scaleUp.policies = 'many' is not supported: expected a list.")]
    [InlineData(Header + "  minReplicas: [3]\n", "hpa.yaml (line 5, column 16): spec.minReplicas = 'sequence' is not supported: expected a single value.")]
    public void Each_refusal_names_the_field_and_the_value(string yaml, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Import(yaml));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_group_validator_refuses_names_the_field_at_startup()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Import(Header.Replace("maxReplicas: 10", "maxReplicas: 10\n  minReplicas: 12", StringComparison.Ordinal)));

        Assert.Contains("MinInstances is 12; it must not be greater than MaxInstances (10)", error.Message, StringComparison.Ordinal);
    }

    private const string Header = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  maxReplicas: 10\n";

    private (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Import(string yaml)
        => HpaImport.Read(new StringReader(yaml), "hpa.yaml", "web", _simulation);

    private static string Export(ScalingGroupOptions group, double targetPerInstance, double tolerance)
    {
        using var writer = new StringWriter();
        HpaWriter.Write(writer, "web", group, "rps", targetPerInstance, tolerance);
        return writer.ToString();
    }

    private SimulationScores Replay((ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) configured, LoadTrace trace)
        => new Simulator(trace.Name, configured.Group, configured.Policies, _simulation).Run(trace);

    private static string Describe(ScalingRatePolicy p) => $"{p.Kind} {p.Value} {p.Period:c}";
}
