using System.Text;
using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.NomadThreshold;

/// <summary>Validation in Nomad's order (bounds, trigger, exactly one action), and binding from a JSON text.</summary>
public class NomadThresholdValidationTests
{
    private const string Prefix = "AutoScaling group 'web', NomadThreshold policy: ";

    private static IReadOnlyList<string> Validate(NomadThresholdBand band, int window = 10)
    {
        var options = new NomadThresholdPolicyOptions { Metric = "m", Window = window };
        options.Bands.Add(band);
        return Failures(new NomadThresholdPolicyOptionsValidator(), options);
    }

    [Fact]
    public void A_band_with_bounds_a_trigger_and_one_action_is_valid()
        => Assert.Empty(Validate(new NomadThresholdBand { LowerBound = 5, Delta = 1 }));

    [Fact]
    public void Missing_bounds_are_refused_first() // TestThresholdPlugin "missing bounds"
        => Assert.Equal([Prefix + "Bands:0:LowerBound is null; set LowerBound, UpperBound or both."], Validate(new NomadThresholdBand { Delta = 1 }));

    [Fact]
    public void An_empty_band_is_refused()
        => Assert.Equal([Prefix + "Bands:0:UpperBound is 5; it must be greater than LowerBound (5): the band [LowerBound, UpperBound) would be empty."], Validate(new NomadThresholdBand { LowerBound = 5, UpperBound = 5, Delta = 1 }));

    [Fact]
    public void Bounds_must_be_finite()
        => Assert.Equal([Prefix + "Bands:0:UpperBound is NaN; it must be a finite number."], Validate(new NomadThresholdBand { UpperBound = double.NaN, Delta = 1 }));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(11, 10)]
    public void The_trigger_must_fit_the_window(int trigger, int window)
        => Assert.Equal([Prefix + $"Bands:0:WithinBoundsTrigger is {trigger}; it must be at least 1 and at most Window ({window}), the points looked at."], Validate(new NomadThresholdBand { LowerBound = 5, Delta = 1, WithinBoundsTrigger = trigger }, window));

    [Fact]
    public void A_missing_action_is_refused() // TestThresholdPlugin "missing action"
        => Assert.Equal([Prefix + "Bands:0:Delta is null; set exactly one of Delta, Percentage and Value."], Validate(new NomadThresholdBand { LowerBound = 5 }));

    [Fact]
    public void Two_actions_are_refused() // TestThresholdPlugin "too many actions"
        => Assert.Equal([Prefix + "Bands:0 sets Delta, Value; set only one of Delta, Percentage and Value."], Validate(new NomadThresholdBand { LowerBound = 5, Delta = 1, Value = 10 }));

    [Fact]
    public void Errors_come_in_Nomads_order_and_all_at_once()
        => Assert.Equal(
            [
                Prefix + "Bands:0:LowerBound is null; set LowerBound, UpperBound or both.",
                Prefix + "Bands:0:WithinBoundsTrigger is 0; it must be at least 1 and at most Window (10), the points looked at.",
                Prefix + "Bands:0:Delta is null; set exactly one of Delta, Percentage and Value.",
            ],
            Validate(new NomadThresholdBand { WithinBoundsTrigger = 0 }));

    [Fact]
    public void Value_and_percentage_have_floors()
    {
        Assert.Equal([Prefix + "Bands:0:Value is -1; it must not be negative."], Validate(new NomadThresholdBand { LowerBound = 5, Value = -1 }));
        Assert.Equal([Prefix + "Bands:0:Percentage is -101; it must be a finite number of at least -100."], Validate(new NomadThresholdBand { LowerBound = 5, Percentage = -101 }));
    }

    [Fact]
    public void Metric_window_and_bands_are_required()
    {
        var options = new NomadThresholdPolicyOptions { Metric = " ", Window = 61 };
        Assert.Equal(
            [
                Prefix + "Metric is ' '; it must name a metric of the group.",
                Prefix + "Window is 61; it must be from 1 to 60 (recent evaluations).",
                Prefix + "Bands is empty; at least one band (LowerBound and/or UpperBound, and one of Delta, Percentage and Value) is required.",
            ],
            Failures(new NomadThresholdPolicyOptionsValidator(), options));
    }

    [Fact]
    public void The_constructor_refuses_bad_options_with_the_same_messages()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NomadThresholdPolicy(new NomadThresholdPolicyOptions { Metric = "m" }));
        Assert.Contains("Bands is empty", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider FromJson(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", configuration.GetSection("AutoScaling:Groups:web"), g => g
            .UseMetric("queue", new InMemory.SettableMetricSource())
            .UseMetric("rps", new InMemory.SettableMetricSource())
            .UseInMemoryInstances(static _ => { }));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Binds_from_a_JSON_text_with_target_tracking_in_the_same_group()
    {
        using var services = FromJson("""
            {
              "AutoScaling": { "Groups": { "web": {
                "MaxInstances": 20,
                "Policies": [
                  { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100, "ToleranceDown": 1 },
                  { "Type": "NomadThreshold", "Metric": "queue", "Window": 6, "Bands": [
                      { "UpperBound": 5, "Delta": -1, "WithinBoundsTrigger": 6 },
                      { "LowerBound": 50, "Percentage": 50, "WithinBoundsTrigger": 3 },
                      { "LowerBound": 500, "Value": 20, "WithinBoundsTrigger": 1 } ] }
                ] } } }
            }
            """);

        ValidateOnStart(services);
        var policies = CreatePolicies(services);
        var tracking = Assert.IsType<TargetTrackingPolicy>(policies[0]);
        Assert.Equal(4, Recommend(tracking, 4, 4, ("rps", Valid(0))).DesiredInstances); // ToleranceDown 1: never down
        var nomad = Assert.IsType<NomadThresholdPolicy>(policies[1]);
        Assert.Equal("queue", nomad.Metric);
        Assert.Equal(3, RecommendWithHistory(nomad, "queue", 4, 1, 1, 1, 1, 1, 1).DesiredInstances);
        Assert.Equal(6, RecommendWithHistory(nomad, "queue", 4, 1, 60, 1, 70, 1, 80).DesiredInstances);
        Assert.Equal(20, RecommendWithHistory(nomad, "queue", 4, 1, 1, 1, 1, 1, 900).DesiredInstances);
    }

    [Fact]
    public void A_bad_JSON_band_stops_startup_naming_the_field_and_value()
    {
        using var services = FromJson("""
            { "AutoScaling": { "Groups": { "web": { "Policies": [
                { "Type": "NomadThreshold", "Metric": "queue", "Bands": [ { "LowerBound": 10, "Delta": 1, "Value": 3 } ] } ] } } } }
            """);

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Contains(Prefix + "Bands:0 sets Delta, Value; set only one of Delta, Percentage and Value.", ex.Failures);
    }

    [Fact]
    public void Target_tracking_FromZero_binds_from_JSON()
    {
        using var services = FromJson("""
            { "AutoScaling": { "Groups": { "web": { "Policies": [
                { "Type": "TargetTracking", "Metric": "rps", "TargetUtilization": 60, "FromZero": "Ratio" } ] } } } }
            """);

        ValidateOnStart(services);
        Assert.Equal(3, Recommend(CreatePolicies(services)[0], 0, 0, ("rps", Valid(130))).DesiredInstances);
    }
}
