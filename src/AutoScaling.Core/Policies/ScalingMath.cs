namespace AutoScaling.Policies;

/// <summary>Rounding for instance counts that tolerates floating-point noise.</summary>
/// <remarks>
/// <c>ratio × ready</c> or <c>current × factor</c> can land a hair above an integer through rounding error
/// (<c>4.2 / 0.3</c> is <c>14.000000000000002</c>): a plain ceiling would then add an instance nobody asked for.
/// A value within <see cref="Epsilon"/> (relative to its size, and at least absolute) of an integer counts as
/// that integer. Both functions are monotonic: a larger input never gives a smaller count.
/// </remarks>
internal static class ScalingMath
{
    /// <summary>The relative distance to an integer within which a value counts as that integer: 1e-12 (thousands of times the rounding error of the few operations a policy makes, far below any real fraction of an instance).</summary>
    public const double Epsilon = 1e-12;

    /// <summary>Rounds up to an instance count; zero for values at or below zero (and NaN); saturates at <see cref="int.MaxValue"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The count.</returns>
    public static int Ceiling(double value)
    {
        // Stryker disable once Equality : at exactly 0 the rounding below gives 0 as well
        if (!(value > 0))
        {
            return 0;
        }

        // Stryker disable once Equality,Block : a double-to-int conversion saturates at int.MaxValue since .NET 9, so the branch only saves work
        if (value >= int.MaxValue)
        {
            return int.MaxValue;
        }

        var nearest = Math.Round(value);

        // Stryker disable once Equality : < instead of <= differs only for a distance of exactly the tolerance, which no count comes from
        return Math.Abs(value - nearest) <= Epsilon * Math.Max(1, value) ? (int)nearest : (int)Math.Ceiling(value);
    }

    /// <summary>Rounds down to an instance count; zero for values at or below zero (and NaN); saturates at <see cref="int.MaxValue"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The count.</returns>
    public static int Floor(double value)
    {
        // Stryker disable once Equality : at exactly 0 the rounding below gives 0 as well
        if (!(value > 0))
        {
            return 0;
        }

        // Stryker disable once Equality,Block : a double-to-int conversion saturates at int.MaxValue since .NET 9, so the branch only saves work
        if (value >= int.MaxValue)
        {
            return int.MaxValue;
        }

        var nearest = Math.Round(value);

        // Stryker disable once Equality : < instead of <= differs only for a distance of exactly the tolerance, which no count comes from
        return Math.Abs(value - nearest) <= Epsilon * Math.Max(1, value) ? (int)nearest : (int)Math.Floor(value);
    }

    /// <summary>Adds a change to a count, saturating at zero and <see cref="int.MaxValue"/>.</summary>
    /// <param name="current">The count.</param>
    /// <param name="change">The change.</param>
    /// <returns>The new count.</returns>
    public static int Add(int current, long change)
        => (int)Math.Clamp(current + change, 0, int.MaxValue);
}
