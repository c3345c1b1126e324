using AutoScaling.Simulation.Tests.Traces;
using Microsoft.Extensions.Options;

namespace AutoScaling.Simulation.Tests.Import;

public sealed class AwsImportTests : IDisposable
{
    /// <summary>A target-tracking policy on the ALB's requests per target: 4,200 a minute is 70 a second.</summary>
    internal const string TargetTracking = """
        {
          "AutoScalingGroupName": "web",
          "PolicyName": "web-alb-requests",
          "PolicyType": "TargetTrackingScaling",
          "TargetTrackingConfiguration": {
            "TargetValue": 4200,
            "PredefinedMetricSpecification": {
              "PredefinedMetricType": "ALBRequestCountPerTarget",
              "ResourceLabel": "app/web/50dc6c495c0c9188/targetgroup/web/943f017f100becff"
            },
            "DisableScaleIn": false
          }
        }
        """;

    /// <summary>A step-scaling policy with its alarm's metric and threshold (70 % CPU), both sides, a 120 s cooldown.</summary>
    internal const string StepScaling = """
        {
          "PolicyName": "web-cpu-steps",
          "PolicyType": "StepScaling",
          "Alarm": { "MetricName": "CPUUtilization", "Threshold": 70 },
          "StepScalingPolicyConfiguration": {
            "AdjustmentType": "ChangeInCapacity",
            "MetricAggregationType": "Average",
            "Cooldown": 120,
            "StepAdjustments": [
              { "MetricIntervalUpperBound": -40, "ScalingAdjustment": -1 },
              { "MetricIntervalLowerBound": -40, "MetricIntervalUpperBound": 0, "ScalingAdjustment": 0 },
              { "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 20, "ScalingAdjustment": 1 },
              { "MetricIntervalLowerBound": 20, "ScalingAdjustment": 3 }
            ]
          }
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("autoscaling-aws-").FullName;
    private readonly SimulationOptions _simulation = new() { CapacityPerInstance = 100 };
    private readonly ScalingGroupOptions _limits = new() { MinInstances = 2, MaxInstances = 40, Interval = TimeSpan.FromSeconds(60) };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableTheory]
    [InlineData(TargetTracking, """{ "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 70 }""", "")]
    [InlineData("""{ "TargetTrackingConfiguration": { "TargetValue": 60, "PredefinedMetricSpecification": { "PredefinedMetricType": "ASGAverageCPUUtilization" }, "DisableScaleIn": true } }""",
        """{ "Type": "TargetTracking", "Metric": "utilization", "TargetUtilization": 60 }""", """ "ScaleDown": { "SelectPolicy": "Disabled" }, """)]
    [InlineData(StepScaling, """
        { "Type": "StepScaling", "Metric": "utilization", "Threshold": 70, "AdjustmentType": "ChangeInCapacity", "Steps": [
          { "UpperBound": -40, "Adjustment": -1 }, { "LowerBound": -40, "UpperBound": 0, "Adjustment": 0 },
          { "LowerBound": 0, "UpperBound": 20, "Adjustment": 1 }, { "LowerBound": 20, "Adjustment": 3 } ] }
        """, """ "ScaleUp": { "Cooldown": "00:02:00" }, "ScaleDown": { "Cooldown": "00:02:00" }, """)]
    public void A_policy_replays_exactly_like_the_same_group_in_appsettings_on_a_shared_trace(string aws, string policy, string rules)
    {
        var trace = LoadTrace.Load(SharedTraces.Require("worldcup98_0625_0627_1min.csv"));
        var settings = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(settings, $$"""{ "AutoScaling": { "Groups": { "web": { "MinInstances": 2, "MaxInstances": 40, "Interval": "00:01:00", {{rules}} "Policies": [ {{policy}} ] } } } }""");

        var fromAws = Replay(Import(aws), trace);
        var fromAppSettings = Replay(AppSettingsImport.Load(settings, "web", _simulation), trace);

        Assert.Equal(fromAppSettings, fromAws);
        Assert.True(fromAws.Cost > 0);
    }

    [SkippableFact]
    public void Import_export_import_gives_the_same_options_and_the_same_replay()
    {
        var (group, policies) = Import(TargetTracking);
        var first = Export(group, targetPerInstance: 70);

        var (again, againPolicies) = Import(first);
        var second = Export(again, targetPerInstance: 70);

        Assert.Equal(first, second);
        Assert.Contains("\"TargetValue\": 70", first, StringComparison.Ordinal);
        Assert.Equal((group.MinInstances, group.MaxInstances, group.Interval), (again.MinInstances, again.MaxInstances, again.Interval));
        var trace = LoadTrace.Load(SharedTraces.Require("worldcup98_0625_0627_1min.csv"));
        Assert.Equal(Replay((group, policies), trace), Replay((again, againPolicies), trace));
    }

    [Fact]
    public void Export_refuses_what_AWS_target_tracking_cannot_express()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Export(new ScalingGroupOptions(), 70, tolerance: 0.05));

        Assert.StartsWith("AWS target tracking has no tolerance, stabilization window, cooldown or rate policy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"TargetTrackingConfiguration\": {\n    \"TargetValue\": oops\n  }\n}", "aws.json: not valid JSON for an AWS policy at line 3, column 20 ($.TargetTrackingConfiguration.TargetValue).")]
    [InlineData("""{ "TargetTrackingConfiguration": { "TargetValue": 50, "CustomizedMetricSpecification": {}, "EstimatedInstanceWarmup": 300 } }""", "aws.json: $.TargetTrackingConfiguration.EstimatedInstanceWarmup = '300' is not supported: not a field this import maps.")]
    [InlineData("""{ "Enabled": true, "TargetTrackingConfiguration": { "TargetValue": 50, "CustomizedMetricSpecification": {} } }""", "aws.json: $.Enabled = 'true' is not supported: not a field this import maps.")]
    [InlineData("""{ "TargetTrackingConfiguration": { "TargetValue": 50, "PredefinedMetricSpecification": { "PredefinedMetricType": "ASGAverageNetworkIn" } } }""", "aws.json: $.TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType = 'ASGAverageNetworkIn' is not supported: expected ASGAverageCPUUtilization or ALBRequestCountPerTarget.")]
    [InlineData("""{ "TargetTrackingConfiguration": { "TargetValue": 50 } }""", "aws.json: $.TargetTrackingConfiguration = 'PredefinedMetricSpecification and CustomizedMetricSpecification' is not supported: expected exactly one of them.")]
    [InlineData("""{ "TargetTrackingConfiguration": { "CustomizedMetricSpecification": {} } }""", "aws.json: $.TargetTrackingConfiguration.TargetValue = 'missing' is not supported: a target-tracking policy needs it.")]
    [InlineData("""{ "PolicyType": "SimpleScaling", "TargetTrackingConfiguration": { "TargetValue": 50, "CustomizedMetricSpecification": {} } }""", "aws.json: $.PolicyType = 'SimpleScaling' is not supported: expected TargetTrackingScaling with a TargetTrackingConfiguration, or StepScaling with a StepScalingPolicyConfiguration.")]
    [InlineData("""{ "Alarm": { "MetricName": "NetworkIn", "Threshold": 5 }, "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 } ] } }""", "aws.json: $.Alarm.MetricName = 'NetworkIn' is not supported: only CPUUtilization maps to the simulator's 'utilization' metric.")]
    [InlineData("""{ "Alarm": { "MetricName": "CPUUtilization" }, "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 } ] } }""", "aws.json: $.Alarm.Threshold = 'missing' is not supported: the step bounds are offsets from it.")]
    [InlineData("""{ "Alarm": { "MetricName": "CPUUtilization", "Threshold": 70 }, "StepScalingPolicyConfiguration": { "AdjustmentType": "Double", "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 } ] } }""", "aws.json: $.StepScalingPolicyConfiguration.AdjustmentType = 'Double' is not supported: expected ChangeInCapacity, ExactCapacity or PercentChangeInCapacity.")]
    [InlineData("""{ "Alarm": { "MetricName": "CPUUtilization", "Threshold": 70 }, "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "MetricAggregationType": "Maximum", "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 } ] } }""", "aws.json: $.StepScalingPolicyConfiguration.MetricAggregationType = 'Maximum' is not supported: only Average is supported.")]
    [InlineData("""{ "Alarm": { "MetricName": "CPUUtilization", "Threshold": 70 }, "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1, "Weight": 2 } ] } }""", "aws.json: $.StepScalingPolicyConfiguration.StepAdjustments[0].Weight = '2' is not supported: not a field this import maps.")]
    public void Each_refusal_names_the_field_and_the_value(string json, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Import(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Steps_the_step_validator_refuses_name_the_field_at_startup()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Import("""
            { "Alarm": { "MetricName": "CPUUtilization", "Threshold": 70 }, "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
              { "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 10, "ScalingAdjustment": 1 }, { "MetricIntervalLowerBound": 15, "ScalingAdjustment": 2 } ] } }
            """));

        Assert.Contains("Steps:1:LowerBound is 15; it leaves a gap after Steps:0 (UpperBound 10)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tuned_step_scaling_group_exports_as_an_AWS_step_policy_that_imports_to_the_same_replay()
    {
        var steps = new TunedStepScaling(Threshold: 60, Step: 2, ScaleInAt: 20);
        var group = new TuningCandidate(steps, _limits.MinInstances, new ScalingGroupOptions().ScaleDown.StabilizationWindow, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(90)).Apply(_limits);
        string json;
        using (var stream = new MemoryStream())
        {
            AwsWriter.Write(stream, "web", group, steps);
            json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        var imported = Import(json);

        Assert.Contains("\"PolicyType\": \"StepScaling\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Threshold\": 60", json, StringComparison.Ordinal);
        Assert.Contains("\"Cooldown\": 90", json, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(90), imported.Group.ScaleUp.Cooldown);
        Assert.Equal(TimeSpan.FromSeconds(90), imported.Group.ScaleDown.Cooldown);
        var trace = Running.DeterminismTests.Wave(600);
        Assert.Equal(Replay((group, [steps.Build(_simulation)]), trace), Replay(imported, trace));
    }

    [Fact]
    public void A_step_scaling_group_with_different_cooldowns_up_and_down_is_not_written_as_AWS()
    {
        var steps = new TunedStepScaling(70, 1, 30);
        var group = new TuningCandidate(steps, 1, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(120), TimeSpan.Zero).Apply(_limits);

        var error = Assert.Throws<InvalidOperationException>(() => AwsWriter.Write(Stream.Null, "web", group, steps));

        Assert.Contains("same cooldown up and down", error.Message, StringComparison.Ordinal);
        Assert.False(GroupImport.CanWrite(ConfigFormat.Aws, new TuningCandidate(steps, _limits.MinInstances, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(120)), _limits));
        Assert.True(GroupImport.CanWrite(ConfigFormat.Aws, new TuningCandidate(steps, _limits.MinInstances, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)), _limits));
        Assert.False(GroupImport.CanWrite(ConfigFormat.Hpa, new TuningCandidate(steps, 1, TimeSpan.FromMinutes(5), TimeSpan.Zero), _limits));
    }

    private (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Import(string json)
        => AwsImport.Read(json, "aws.json", "web", _limits, _simulation);

    private static string Export(ScalingGroupOptions group, double targetPerInstance, double tolerance = 0.1)
    {
        using var stream = new MemoryStream();
        AwsWriter.Write(stream, "web", group, "rps", targetPerInstance, tolerance);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private SimulationScores Replay((ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) configured, LoadTrace trace)
        => new Simulator(trace.Name, configured.Group, configured.Policies, _simulation).Run(trace);
}
