namespace AutoScaling.Policies;

/// <summary>A policy that, besides recommending, narrows the group's minimum and maximum for the moment (a schedule).</summary>
/// <remarks>
/// The <see cref="ScalingDecisionEngine"/> asks it before clamping, on the decision path, so it must not allocate. The
/// engine keeps the result within the group's own limits and, when narrowed limits cross, lets the minimum win.
/// </remarks>
internal interface IScalingLimits
{
    /// <summary>Raises <paramref name="min"/> or lowers <paramref name="max"/> for the evaluation's time.</summary>
    void Narrow(in ScalingContext context, ref int min, ref int max);
}
