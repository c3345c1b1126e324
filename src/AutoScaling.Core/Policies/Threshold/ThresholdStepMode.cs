namespace AutoScaling.Policies;

/// <summary>How far a <see cref="ThresholdPolicy"/> moves per evaluation.</summary>
public enum ThresholdStepMode
{
    /// <summary>Add or remove <see cref="ThresholdPolicyOptions.StepSize"/> instances.</summary>
    Linear = 0,

    /// <summary>Up: <c>ceil(current × Factor)</c>; down: <c>floor(current / Factor)</c>; always at least one instance.</summary>
    Exponential = 1,
}
