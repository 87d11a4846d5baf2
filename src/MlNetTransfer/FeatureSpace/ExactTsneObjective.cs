namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// scikit-learn's <c>_kl_divergence</c>: every pair, wᵢⱼ = 1 / (1 + |yᵢ - yⱼ|²), Z = Σ_{i≠j} wᵢⱼ,
/// qᵢⱼ = max(wᵢⱼ / Z, 2.2e-16), ∂KL/∂yᵢ = 4 Σⱼ (pᵢⱼ - qᵢⱼ) wᵢⱼ (yᵢ - yⱼ). O(n²) per call, rows in parallel, each
/// row's sums in a fixed order (the result does not depend on the threads).
/// </summary>
internal sealed class ExactTsneObjective(double[] p, int n, ParallelOptions parallel) : ITsneObjective
{
    private readonly double[] _rowSums = new double[n];
    private readonly double[] _rowErrors = new double[n];

    public double Gradient(double[] y, double[] gradient, double exaggeration, bool computeError)
    {
        Parallel.For(0, n, parallel, i =>
        {
            double sum = 0, xi = y[2 * i], yi = y[2 * i + 1];
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                sum += 1.0 / (1.0 + dx * dx + dy * dy);
            }
            _rowSums[i] = sum;
        });
        double z = 0;
        foreach (var s in _rowSums) z += s;
        Parallel.For(0, n, parallel, i =>
        {
            double gx = 0, gy = 0, error = 0, xi = y[2 * i], yi = y[2 * i + 1];
            var row = i * n;
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                var w = 1.0 / (1.0 + dx * dx + dy * dy);
                var q = Math.Max(w / z, TsneAffinities.MachineEpsilon);
                var pij = exaggeration * p[row + j];
                var coefficient = (pij - q) * w;
                gx += coefficient * dx;
                gy += coefficient * dy;
                if (computeError) error += pij * Math.Log(Math.Max(pij, TsneAffinities.MachineEpsilon) / q);
            }
            gradient[2 * i] = 4 * gx;
            gradient[2 * i + 1] = 4 * gy;
            _rowErrors[i] = error;
        });
        if (!computeError) return double.NaN;
        double kl = 0;
        foreach (var e in _rowErrors) kl += e;
        return kl;
    }
}
