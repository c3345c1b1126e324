namespace AutoScaling.Forecasting;

/// <summary>
/// The accuracy of the forecasts scored over the last <c>n</c> buckets up to the newest scored one: MAPE and band
/// coverage as running totals over a preallocated ring, so adding a score is O(1) and allocates nothing.
/// </summary>
/// <remarks>Buckets arrive in order. The ring slots the window passed since the previous score are emptied first: one in
/// steady state, at most the ring's length after a gap.</remarks>
internal sealed class SlidingAccuracy
{
    private const sbyte NotBanded = -1;

    private readonly double[] _ape;
    private readonly sbyte[] _inside;
    private long _newest = long.MinValue;
    private double _apeSum;
    private int _apeCount;
    private int _insideCount;
    private int _bandCount;

    /// <summary>Initializes a new instance of the <see cref="SlidingAccuracy"/> class over <paramref name="buckets"/> buckets.</summary>
    public SlidingAccuracy(int buckets)
    {
        _ape = new double[buckets];
        _inside = new sbyte[buckets];
        _ape.AsSpan().Fill(double.NaN);
        _inside.AsSpan().Fill(NotBanded);
    }

    /// <summary>Gets the mean absolute percentage error in the window (a fraction); NaN when none.</summary>
    public double Mape => _apeCount == 0 ? double.NaN : Math.Max(0, _apeSum) / _apeCount;

    /// <summary>Gets the share of the banded values in the window that fell inside the band; NaN when none.</summary>
    public double Coverage => _bandCount == 0 ? double.NaN : (double)_insideCount / _bandCount;

    /// <summary>Gets how many percentage errors the window holds.</summary>
    public int Scored => _apeCount;

    /// <summary>Scores the forecast for <paramref name="bucket"/>: its absolute percentage error (NaN: none, the actual was not above 0) and whether the value fell inside the band (null: no band yet).</summary>
    public void Add(long bucket, double ape, bool? inside)
    {
        if (bucket <= _newest)
        {
            return;
        }

        var from = _newest == long.MinValue ? bucket : Math.Max(_newest + 1, bucket - _ape.Length + 1);
        for (var b = from; b <= bucket; b++)
        {
            Evict(Slot(b));
        }

        var i = Slot(bucket);
        _ape[i] = ape;
        _inside[i] = inside is { } x ? (sbyte)(x ? 1 : 0) : NotBanded;
        if (!double.IsNaN(ape))
        {
            _apeSum += ape;
            _apeCount++;
        }

        if (inside is { } y)
        {
            _bandCount++;
            _insideCount += y ? 1 : 0;
        }

        _newest = bucket;
    }

    private void Evict(int i)
    {
        if (!double.IsNaN(_ape[i]))
        {
            _apeSum -= _ape[i];
            _apeCount--;
            _apeSum = _apeCount == 0 ? 0 : _apeSum; // no rounding residue carried into an empty window
            _ape[i] = double.NaN;
        }

        if (_inside[i] != NotBanded)
        {
            _bandCount--;
            _insideCount -= _inside[i];
            _inside[i] = NotBanded;
        }
    }

    private int Slot(long bucket)
    {
        var r = bucket % _ape.Length;
        return (int)(r < 0 ? r + _ape.Length : r);
    }
}
