using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoScaling.Policies;

/// <summary>
/// Validates <see cref="StepScalingPolicyOptions"/> with the rules for step adjustments: each step on one side of
/// the threshold, contiguous ranges without gaps or overlaps, one unbounded step at each outer end, adjustments
/// whose sign matches their side. Every message names the group, the field (<c>Steps:2:LowerBound</c>) and the value.
/// </summary>
internal sealed class StepScalingPolicyOptionsValidator : IValidateOptions<StepScalingPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, StepScalingPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(PolicyOptionsKey.GroupOf(name), StepScalingPolicy.Kind + " policy");
        if (string.IsNullOrWhiteSpace(options.Metric))
        {
            m.Add(nameof(options.Metric), options.Metric, "it must name a metric of the group");
        }

        if (!double.IsFinite(options.Threshold))
        {
            m.Add(nameof(options.Threshold), options.Threshold, "it must be a finite number");
        }

        var type = options.AdjustmentType;
        if (!Enum.IsDefined(type))
        {
            m.Add(nameof(options.AdjustmentType), type, "it must be ChangeInCapacity, ExactCapacity or PercentChangeInCapacity");
        }

        if (options.MinAdjustmentMagnitude is { } min)
        {
            if (type != StepAdjustmentType.PercentChangeInCapacity)
            {
                m.Add(nameof(options.MinAdjustmentMagnitude), min, $"it applies only with AdjustmentType PercentChangeInCapacity (AdjustmentType is {type})");
            }
            else if (min < 1)
            {
                m.Add(nameof(options.MinAdjustmentMagnitude), min, "it must be at least 1 (or null)");
            }
        }

        if (options.Steps is not { Count: > 0 } steps)
        {
            m.Add("Steps is empty; at least one step (LowerBound, UpperBound, Adjustment) is required.");
            return m.ToResult();
        }

        var above = new List<(int Index, StepAdjustment Step)>();
        var below = new List<(int Index, StepAdjustment Step)>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step is null)
            {
                m.Add(Field(i, null), null, "a step is required");
                continue;
            }

            var side = Side(m, i, step);
            if (side > 0)
            {
                above.Add((i, step));
            }
            else if (side < 0)
            {
                below.Add((i, step));
            }

            if (side != 0)
            {
                CheckAdjustment(m, i, step.Adjustment, type, side);
            }
        }

        CheckAbove(m, above);
        CheckBelow(m, below);
        return m.ToResult();
    }

    private static string Field(int index, string? member)
        => member is null
            ? string.Create(CultureInfo.InvariantCulture, $"Steps:{index}")
            : string.Create(CultureInfo.InvariantCulture, $"Steps:{index}:{member}");

    private static string Show(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null";

    /// <summary>Checks a step's bounds; returns +1 above the threshold, −1 below, 0 when the bounds are invalid.</summary>
    private static int Side(ValidationMessages m, int i, StepAdjustment step)
    {
        var lower = step.LowerBound;
        var upper = step.UpperBound;
        var valid = true;
        if (lower is { } l && !double.IsFinite(l))
        {
            m.Add(Field(i, nameof(step.LowerBound)), l, "it must be a finite number, or null for minus infinity");
            valid = false;
        }

        if (upper is { } u && !double.IsFinite(u))
        {
            m.Add(Field(i, nameof(step.UpperBound)), u, "it must be a finite number, or null for plus infinity");
            valid = false;
        }

        if (!valid)
        {
            return 0;
        }

        if (lower is null && upper is null)
        {
            m.Add(Field(i, nameof(step.UpperBound)), null, "LowerBound and UpperBound cannot both be null: a step is bounded on at least one side");
            return 0;
        }

        if (lower is { } lo && upper is { } hi && lo >= hi)
        {
            m.Add(Field(i, nameof(step.UpperBound)), hi, $"it must be greater than LowerBound ({Show(lo)})");
            return 0;
        }

        if (lower >= 0)
        {
            return 1;
        }

        if (upper <= 0)
        {
            return -1;
        }

        const string OneSide = "a step lies on one side of the threshold: bounds both at least 0 (above) or both at most 0 (below); split it at 0";
        if (upper is null)
        {
            m.Add(Field(i, nameof(step.LowerBound)), lower, "with UpperBound null (plus infinity) it must be at least 0: " + OneSide);
        }
        else if (lower is null)
        {
            m.Add(Field(i, nameof(step.UpperBound)), upper, "with LowerBound null (minus infinity) it must be at most 0: " + OneSide);
        }
        else
        {
            m.Add(Field(i, nameof(step.LowerBound)), lower, $"with UpperBound {Show(upper)} the step spans the threshold: " + OneSide);
        }

        return 0;
    }

    private static void CheckAdjustment(ValidationMessages m, int i, int adjustment, StepAdjustmentType type, int side)
    {
        var field = Field(i, nameof(StepAdjustment.Adjustment));
        switch (type)
        {
            case StepAdjustmentType.ExactCapacity:
                if (adjustment < 0)
                {
                    m.Add(field, adjustment, "with AdjustmentType ExactCapacity it is an instance count and must not be negative");
                }

                break;
            case StepAdjustmentType.ChangeInCapacity:
            case StepAdjustmentType.PercentChangeInCapacity:
                if (side > 0 && adjustment < 0)
                {
                    m.Add(field, adjustment, "a step above the threshold must not scale in: use a value of at least 0");
                }
                else if (side < 0 && adjustment > 0)
                {
                    m.Add(field, adjustment, "a step below the threshold must not scale out: use a value of at most 0");
                }
                else if (type == StepAdjustmentType.PercentChangeInCapacity && adjustment < -100)
                {
                    m.Add(field, adjustment, "a percentage cannot remove more than the whole group: use a value of at least -100");
                }

                break;
        }
    }

    /// <summary>Steps above the threshold: sorted by lower bound, contiguous, the highest unbounded above.</summary>
    private static void CheckAbove(ValidationMessages m, List<(int Index, StepAdjustment Step)> above)
    {
        if (above.Count == 0)
        {
            return;
        }

        above.Sort(static (a, b) => a.Step.LowerBound!.Value.CompareTo(b.Step.LowerBound!.Value));
        for (var k = 0; k + 1 < above.Count; k++)
        {
            var (ai, a) = above[k];
            var (bi, b) = above[k + 1];
            var next = b.LowerBound!.Value;
            if (a.UpperBound is not { } end)
            {
                m.Add(Field(ai, nameof(a.UpperBound)), null, $"it overlaps {Field(bi, null)} (LowerBound {Show(next)}): only the highest step above the threshold may be unbounded");
            }
            else if (end > next)
            {
                m.Add(Field(bi, nameof(b.LowerBound)), next, $"it overlaps {Field(ai, null)} (UpperBound {Show(end)}): ranges must not overlap");
            }
            else if (end < next)
            {
                m.Add(Field(bi, nameof(b.LowerBound)), next, $"it leaves a gap after {Field(ai, null)} (UpperBound {Show(end)}): ranges must be contiguous");
            }
        }

        var (li, last) = above[^1];
        if (last.UpperBound is { } top)
        {
            m.Add(Field(li, nameof(last.UpperBound)), top, "the highest step above the threshold must have no UpperBound (null, plus infinity), or metrics above it are not covered");
        }
    }

    /// <summary>Steps below the threshold: sorted by upper bound, contiguous, the lowest unbounded below.</summary>
    private static void CheckBelow(ValidationMessages m, List<(int Index, StepAdjustment Step)> below)
    {
        if (below.Count == 0)
        {
            return;
        }

        below.Sort(static (a, b) => a.Step.UpperBound!.Value.CompareTo(b.Step.UpperBound!.Value));
        for (var k = 0; k + 1 < below.Count; k++)
        {
            var (ai, a) = below[k];
            var (bi, b) = below[k + 1];
            var end = a.UpperBound!.Value;
            if (b.LowerBound is not { } start)
            {
                m.Add(Field(bi, nameof(b.LowerBound)), null, $"it overlaps {Field(ai, null)} (UpperBound {Show(end)}): only the lowest step below the threshold may be unbounded");
            }
            else if (start < end)
            {
                m.Add(Field(bi, nameof(b.LowerBound)), start, $"it overlaps {Field(ai, null)} (UpperBound {Show(end)}): ranges must not overlap");
            }
            else if (start > end)
            {
                m.Add(Field(bi, nameof(b.LowerBound)), start, $"it leaves a gap after {Field(ai, null)} (UpperBound {Show(end)}): ranges must be contiguous");
            }
        }

        var (fi, first) = below[0];
        if (first.LowerBound is { } bottom)
        {
            m.Add(Field(fi, nameof(first.LowerBound)), bottom, "the lowest step below the threshold must have no LowerBound (null, minus infinity), or metrics below it are not covered");
        }
    }
}
