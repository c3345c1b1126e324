namespace AutoScaling.Policies;

/// <summary>
/// The Nomad Autoscaler's <c>threshold</c> strategy: a band <c>[LowerBound, UpperBound)</c> on one metric acts when at
/// least <see cref="NomadThresholdBand.WithinBoundsTrigger"/> of the last <see cref="NomadThresholdPolicyOptions.Window"/>
/// evaluations' samples lie in it (not necessarily consecutive), with one action: a delta, a percentage (rounded up, also
/// when scaling down) or an absolute value. The count never goes below 0.
/// </summary>
/// <remarks>
/// <para>
/// Several bands make a ladder. When several trigger at once (recent points in more than one band) the largest
/// resulting count wins, as the engine does across policies; when none triggers the count is kept
/// (<see cref="ScalingReason.WithinTolerance"/>), which also outvotes another policy's scale-down.
/// </para>
/// <para>
/// A latest sample that is not valid yields <see cref="ScalingRecommendation.NoData"/>; missing or failed samples in
/// the history never lie in a band. Without a history in the context (a caller that keeps none) the latest sample
/// is the only point.
/// </para>
/// </remarks>
public sealed class NomadThresholdPolicy : IScalingPolicy
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "NomadThreshold";

    /// <summary>Nomad's default <c>within_bounds_trigger</c>: 5.</summary>
    public const int DefaultWithinBoundsTrigger = 5;

    /// <summary>The default number of recent evaluations looked at: 10.</summary>
    public const int DefaultWindow = 10;

    /// <summary>The most recent evaluations a policy may look at (and the history the controller keeps per metric): 60.</summary>
    public const int MaxWindow = 60;

    private readonly string _metric;
    private readonly int _window;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly int[] _trigger;
    private readonly NomadThresholdAction[] _action;
    private readonly double[] _amount;

    /// <summary>Initializes a new instance of the <see cref="NomadThresholdPolicy"/> class.</summary>
    /// <param name="options">The options; validated and copied, later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public NomadThresholdPolicy(NomadThresholdPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new NomadThresholdPolicyOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        _metric = options.Metric;
        _window = options.Window;
        var count = options.Bands.Count;
        _lower = new double[count];
        _upper = new double[count];
        _trigger = new int[count];
        _action = new NomadThresholdAction[count];
        _amount = new double[count];
        for (var i = 0; i < count; i++)
        {
            var band = options.Bands[i];
            _lower[i] = band.LowerBound ?? double.NegativeInfinity;
            _upper[i] = band.UpperBound ?? double.PositiveInfinity;
            _trigger[i] = band.WithinBoundsTrigger;
            (_action[i], _amount[i]) = band switch
            {
                { Delta: { } d } => (NomadThresholdAction.Delta, d),
                { Percentage: { } p } => (NomadThresholdAction.Percentage, p),
                _ => (NomadThresholdAction.Value, (double)band.Value!.Value),
            };
        }
    }

    /// <summary>Gets the name of the metric.</summary>
    public string Metric => _metric;

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        var current = context.CurrentInstances;
        var latest = context.GetSample(_metric);
        if (!latest.IsValid)
        {
            return ScalingRecommendation.NoData(current);
        }

        var points = context.TryGetHistory(_metric, out var history)
            ? history[Math.Max(0, history.Length - _window)..]
            : new ReadOnlySpan<MetricSample>(in latest);
        var best = -1;
        for (var band = 0; band < _trigger.Length; band++)
        {
            if (CountWithin(points, _lower[band], _upper[band]) >= _trigger[band])
            {
                best = Math.Max(best, Apply(band, current));
            }
        }

        return best < 0 ? ScalingRecommendation.WithinTolerance(current) : ScalingRecommendation.To(best, current);
    }

    private static int CountWithin(ReadOnlySpan<MetricSample> points, double lower, double upper)
    {
        var within = 0;
        foreach (var point in points)
        {
            if (point.IsValid && point.Value >= lower && point.Value < upper)
            {
                within++;
            }
        }

        return within;
    }

    private int Apply(int band, int current) => _action[band] switch
    {
        NomadThresholdAction.Delta => ScalingMath.Add(current, (long)_amount[band]),
        NomadThresholdAction.Percentage => ScalingMath.Ceiling(current * (1 + (_amount[band] / 100))),
        _ => (int)_amount[band],
    };

    private enum NomadThresholdAction : byte
    {
        Delta,
        Percentage,
        Value,
    }
}
