namespace AutoScaling.Policies;

/// <summary>Options of the <see cref="ThresholdPolicy"/>: bands on several metrics (CPU, latency, error rate…), stepping linearly or exponentially.</summary>
public sealed class ThresholdPolicyOptions
{
    /// <summary>Gets the rules, one per metric. At least one; each with <see cref="ThresholdRule.ScaleUpAbove"/>, <see cref="ThresholdRule.ScaleDownBelow"/> or both.</summary>
    public IList<ThresholdRule> Rules { get; } = new List<ThresholdRule>();

    /// <summary>Gets or sets how far one evaluation moves. Default <see cref="ThresholdStepMode.Linear"/>.</summary>
    public ThresholdStepMode Mode { get; set; } = ThresholdStepMode.Linear;

    /// <summary>Gets or sets the instances added or removed per evaluation in <see cref="ThresholdStepMode.Linear"/> mode. At least 1; default 1.</summary>
    public int StepSize { get; set; } = 1;

    /// <summary>Gets or sets the growth factor in <see cref="ThresholdStepMode.Exponential"/> mode. Greater than 1 and at most 10; default 2.</summary>
    public double Factor { get; set; } = ThresholdPolicy.DefaultFactor;
}
