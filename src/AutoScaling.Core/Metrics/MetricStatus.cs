namespace AutoScaling;

/// <summary>Whether a <see cref="MetricSample"/> carries a usable value.</summary>
public enum MetricStatus : byte
{
    /// <summary>The sample has a finite value.</summary>
    Valid = 0,

    /// <summary>The source answered but had no data (an empty result, NaN or infinity). Never read as zero.</summary>
    Missing = 1,

    /// <summary>Reading the source failed (an error, a timeout, an unreachable server).</summary>
    Failed = 2,
}
