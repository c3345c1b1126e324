using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Threshold;

public class ThresholdPolicyOptionsValidatorTests
{
    private const string Prefix = "AutoScaling group 'web', Threshold policy: ";

    private static IReadOnlyList<string> Validate(Action<ThresholdPolicyOptions> configure, params ThresholdRule?[] rules)
    {
        var options = new ThresholdPolicyOptions();
        configure(options);
        foreach (var rule in rules)
        {
            options.Rules.Add(rule!);
        }

        return Failures(new ThresholdPolicyOptionsValidator(), options);
    }

    private static readonly ThresholdRule Cpu = new() { Metric = "cpu", ScaleUpAbove = 70, ScaleDownBelow = 20 };

    private static void Single(string expected, IReadOnlyList<string> failures) => Assert.Equal([Prefix + expected], failures);

    [Fact]
    public void Valid_options_pass()
    {
        Assert.Empty(Validate(_ => { }, Cpu));
        Assert.Empty(Validate(o => { o.Mode = ThresholdStepMode.Exponential; o.Factor = 1.5; }, Cpu, new ThresholdRule { Metric = "error_rate", ScaleUpAbove = 5 }));
        Assert.Empty(Validate(_ => { }, new ThresholdRule { Metric = "queue", ScaleDownBelow = 1 }));
        Assert.Empty(Validate(_ => { }, new ThresholdRule { Metric = "x", ScaleUpAbove = 5, ScaleDownBelow = 5 }));
    }

    [Fact]
    public void Rules_are_required()
        => Single("Rules is empty; at least one rule (Metric, ScaleUpAbove, ScaleDownBelow) is required.", Validate(_ => { }));

    [Fact]
    public void Null_rule_is_refused()
        => Single("Rules:1 is null; a rule is required.", Validate(_ => { }, Cpu, null));

    [Fact]
    public void Metric_is_required()
        => Single("Rules:0:Metric is ''; it must name a metric of the group.", Validate(_ => { }, new ThresholdRule { ScaleUpAbove = 1 }));

    [Fact]
    public void One_rule_per_metric()
        => Single("Rules:1:Metric is 'cpu'; Rules:0 already has it: one rule per metric.", Validate(_ => { }, Cpu, new ThresholdRule { Metric = "cpu", ScaleUpAbove = 90 }));

    [Fact]
    public void A_rule_needs_a_bound()
        => Single("Rules:0:ScaleUpAbove is null; set ScaleUpAbove, ScaleDownBelow or both.", Validate(_ => { }, new ThresholdRule { Metric = "cpu" }));

    [Fact]
    public void Bounds_must_be_finite()
    {
        Single("Rules:0:ScaleUpAbove is NaN; it must be a finite number.", Validate(_ => { }, new ThresholdRule { Metric = "cpu", ScaleUpAbove = double.NaN }));
        Single("Rules:0:ScaleDownBelow is -Infinity; it must be a finite number.", Validate(_ => { }, new ThresholdRule { Metric = "cpu", ScaleDownBelow = double.NegativeInfinity }));
    }

    [Fact]
    public void Down_bound_cannot_exceed_up_bound()
        => Single(
            "Rules:0:ScaleDownBelow is 80; it must not be greater than ScaleUpAbove (70): the band between them is where nothing changes.",
            Validate(_ => { }, new ThresholdRule { Metric = "cpu", ScaleUpAbove = 70, ScaleDownBelow = 80 }));

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void StepSize_at_least_one(int step)
        => Single($"StepSize is {step}; it must be at least 1.", Validate(o => o.StepSize = step, Cpu));

    [Theory]
    [InlineData(1, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(10.5, "10.5")]
    [InlineData(double.NaN, "NaN")]
    public void Factor_between_one_and_ten(double factor, string shown)
        => Single($"Factor is {shown}; it must be greater than 1 and at most 10.", Validate(o => o.Factor = factor, Cpu));

    [Fact]
    public void Mode_must_be_known()
        => Single("Mode is 3; it must be Linear or Exponential.", Validate(o => o.Mode = (ThresholdStepMode)3, Cpu));
}
