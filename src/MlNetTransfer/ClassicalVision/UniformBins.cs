namespace MlNetTransfer.ClassicalVision;

/// <summary>
/// numpy's <c>np.histogram(a, bins=n, range=(first, last))</c> binning of one value, to the bit: the bin from
/// <c>(x - first) * (n / (last - first))</c>, corrected against the edges <c>np.linspace(first, last, n + 1)</c>; the
/// last bin includes <c>last</c>; values outside the range (and NaN) fall in no bin.
/// </summary>
internal sealed class UniformBins
{
    private readonly double _first;
    private readonly double _last;
    private readonly double _norm;
    private readonly double[] _edges;

    public UniformBins(int count, double first, double last)
    {
        Count = count;
        _first = first;
        _last = last;
        _norm = count / (last - first);
        var step = (last - first) / count;
        _edges = new double[count + 1];
        for (var i = 0; i < count; i++) _edges[i] = i * step + first;
        _edges[count] = last;
    }

    /// <summary>The number of bins.</summary>
    public int Count { get; }

    /// <summary>The bin of <paramref name="x"/> in 0..Count-1, or -1 when it is outside [first, last] or NaN.</summary>
    public int Of(double x)
    {
        if (!(x >= _first && x <= _last)) return -1;
        var index = (int)((x - _first) * _norm);
        if (index == Count) index--;
        if (x < _edges[index]) index--;
        if (x >= _edges[index + 1] && index != Count - 1) index++;
        return index;
    }
}
