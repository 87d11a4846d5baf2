namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// The Barnes-Hut gradient (van der Maaten 2014, JMLR 15; scikit-learn's <c>_barnes_hut_tsne.gradient</c>):
/// ∂KL/∂yᵢ = 4 (Σⱼ pᵢⱼ wᵢⱼ (yᵢ - yⱼ) - Σⱼ wᵢⱼ² (yᵢ - yⱼ) / Z), the attraction over the sparse P (nearest neighbours),
/// the repulsion and Z = Σ_{i≠j} wᵢⱼ from the <see cref="QuadTree"/>. Points in parallel chunks, each point's sums in a
/// fixed order and Z summed in point order, so the result does not depend on the threads.
/// </summary>
internal sealed class BarnesHutTsneObjective : ITsneObjective
{
    private const double Float32Tiny = 1.17549435e-38;

    private readonly SparseAffinities _p;
    private readonly int _n;
    private readonly double _squaredTheta;
    private readonly ParallelOptions _parallel;
    private readonly QuadTree _tree;
    private readonly double[] _z, _repulsion, _attraction, _errors;
    private readonly int _chunk;

    public BarnesHutTsneObjective(SparseAffinities p, int n, double theta, ParallelOptions parallel)
    {
        _p = p;
        _n = n;
        _squaredTheta = theta * theta;
        _parallel = parallel;
        _tree = new QuadTree(n);
        _z = new double[n];
        _repulsion = new double[2 * n];
        _attraction = new double[2 * n];
        _errors = new double[n];
        var threads = parallel.MaxDegreeOfParallelism > 0 ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;
        _chunk = Math.Max(16, n / (8 * threads));
    }

    public double Gradient(double[] y, double[] gradient, double exaggeration, bool computeError)
    {
        _tree.Build(y);
        var chunks = (_n + _chunk - 1) / _chunk;
        Parallel.For(0, chunks, _parallel, c =>
        {
            var end = Math.Min(_n, (c + 1) * _chunk);
            for (var i = c * _chunk; i < end; i++)
            {
                _z[i] = _tree.Repulsion(i, _squaredTheta, out _repulsion[2 * i], out _repulsion[2 * i + 1]);
                double ax = 0, ay = 0, xi = y[2 * i], yi = y[2 * i + 1];
                for (var m = _p.RowStart[i]; m < _p.RowStart[i + 1]; m++)
                {
                    var j = _p.Columns[m];
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    var pw = exaggeration * _p.Values[m] / (1.0 + dx * dx + dy * dy);
                    ax += pw * dx;
                    ay += pw * dy;
                }
                _attraction[2 * i] = ax;
                _attraction[2 * i + 1] = ay;
            }
        });
        double z = 0;
        foreach (var s in _z) z += s;
        for (var k = 0; k < 2 * _n; k++) gradient[k] = 4 * (_attraction[k] - _repulsion[k] / z);
        return computeError ? Error(y, exaggeration, z) : double.NaN;
    }

    /// <summary>Σ pᵢⱼ ln(max(pᵢⱼ, tiny) / max(wᵢⱼ / Z, tiny)) over the sparse P, as scikit-learn computes it.</summary>
    private double Error(double[] y, double exaggeration, double z)
    {
        Parallel.For(0, _n, _parallel, i =>
        {
            double error = 0, xi = y[2 * i], yi = y[2 * i + 1];
            for (var m = _p.RowStart[i]; m < _p.RowStart[i + 1]; m++)
            {
                var j = _p.Columns[m];
                double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                var q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
                var pij = exaggeration * _p.Values[m];
                error += pij * Math.Log(Math.Max(pij, Float32Tiny) / Math.Max(q, Float32Tiny));
            }
            _errors[i] = error;
        });
        double kl = 0;
        foreach (var e in _errors) kl += e;
        return kl;
    }
}
