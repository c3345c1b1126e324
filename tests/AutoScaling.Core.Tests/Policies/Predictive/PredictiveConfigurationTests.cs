using System.Text;
using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Predictive;

public class PredictiveConfigurationTests
{
    private const string Json = """
        {
          "AutoScaling": { "Groups": { "web": {
            "MaxInstances": 40,
            "Policies": [
              { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 70 },
              { "Type": "Predictive", "Metric": "rps", "TargetPerInstance": 70, "Mode": "ForecastOnly",
                "StartupTime": "00:05:00", "Buffer": "00:02:00", "Confidence": 0.95, "Bucket": "00:10:00",
                "Events": [ { "Start": "2026-11-27T08:00:00Z", "End": "2026-11-28T00:00:00Z", "Multiplier": 2 } ] }
            ] } } }
        }
        """;

    [Fact]
    public void Binds_from_json_next_to_target_tracking()
    {
        using var services = FromJson(Json);
        ValidateOnStart(services);
        var policies = CreatePolicies(services);
        var predictive = Assert.IsType<PredictivePolicy>(policies[1]);
        Assert.Equal(TimeSpan.FromMinutes(7), predictive.Horizon);
        Assert.True(predictive.GetForecast().ForecastOnly);
    }

    [Fact]
    public void Bad_values_fail_at_start_naming_field_and_value()
    {
        var json = Json.Replace("\"Confidence\": 0.95", "\"Confidence\": 1.5", StringComparison.Ordinal)
            .Replace("\"Bucket\": \"00:10:00\"", "\"Bucket\": \"00:07:00\"", StringComparison.Ordinal)
            .Replace("\"Multiplier\": 2", "\"Multiplier\": 0", StringComparison.Ordinal)
            .Replace("\"Mode\":", "\"AccuracyWindow\": \"400.00:00:00\", \"Mode\":", StringComparison.Ordinal);
        using var services = FromJson(json);
        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Contains("AutoScaling group 'web', Predictive policy: Confidence is 1.5; it must be within 0.5 and 0.999.", ex.Failures);
        Assert.Contains(ex.Failures, f => f.StartsWith("AutoScaling group 'web', Predictive policy: Bucket is 00:07:00; it must be from 00:01:00 to 01:00:00 and divide a day", StringComparison.Ordinal));
        Assert.Contains("AutoScaling group 'web', Predictive policy: Events:0:Multiplier is 0; it must be a finite number greater than 0.", ex.Failures);
        Assert.Contains("AutoScaling group 'web', Predictive policy: AccuracyWindow is 400.00:00:00; it must be from Bucket (00:07:00) to 366 days.", ex.Failures);
    }

    [Fact]
    public void Validator_names_each_bad_field()
    {
        var options = new PredictivePolicyOptions { Metric = " ", TargetPerInstance = 0, StartupTime = TimeSpan.FromSeconds(-1), LevelSmoothing = 1, OutlierDeviations = 0.5 };
        options.Events.Add(new PredictiveEvent { Start = DateTimeOffset.UnixEpoch.AddDays(1), End = DateTimeOffset.UnixEpoch, Multiplier = 2 });
        var failures = Failures(new PredictivePolicyOptionsValidator(), options);
        Assert.Equal(
            [
                "AutoScaling group 'web', Predictive policy: Metric is ' '; it must name a metric of the group.",
                "AutoScaling group 'web', Predictive policy: TargetPerInstance is 0; it must be a finite number greater than 0.",
                "AutoScaling group 'web', Predictive policy: StartupTime is -00:00:01; it must not be negative.",
                "AutoScaling group 'web', Predictive policy: LevelSmoothing is 1; it must be greater than 0 and less than 1.",
                "AutoScaling group 'web', Predictive policy: OutlierDeviations is 0.5; it must be a finite number of at least 1.",
                "AutoScaling group 'web', Predictive policy: Events:0:End is 01/01/1970 00:00:00 +00:00; it must be after Start (1970-01-02T00:00:00.0000000+00:00).",
            ],
            failures);
    }

    [Fact]
    public void Code_and_configuration_share_one_path()
    {
        using var services = GroupFromCode(g => g.UsePredictive(o => { o.Metric = "rps"; o.TargetPerInstance = -1; }), "rps");
        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Contains("AutoScaling group 'web', Predictive policy: TargetPerInstance is -1; it must be a finite number greater than 0.", ex.Failures);
    }

    private static ServiceProvider FromJson(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", configuration.GetSection("AutoScaling:Groups:web"), g =>
        {
            g.UseMetric("rps", new AutoScaling.InMemory.SettableMetricSource());
            g.UseInMemoryInstances();
        });
        return services.BuildServiceProvider();
    }
}
