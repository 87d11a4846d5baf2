using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>Synthetic shifted Gaussians, sample statistics in double, and an <see cref="AffineMap"/> through its saved step.</summary>
internal static class AlignmentTestData
{
    /// <summary>n rows of d floats: standard normal values times a random mixing matrix (seeded), plus <paramref name="shift"/> in every feature.</summary>
    public static float[][] Gaussian(int n, int d, double shift, int seed, double mixingScale = 1)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var mixing = new double[d, d];
        for (var a = 0; a < d; a++)
            for (var b = 0; b < d; b++) mixing[a, b] = (a == b ? 1 : 0) + mixingScale * Normal() * 0.5;
        var rows = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var z = Enumerable.Range(0, d).Select(_ => Normal()).ToArray();
            rows[i] = new float[d];
            for (var b = 0; b < d; b++)
            {
                double v = shift;
                for (var a = 0; a < d; a++) v += z[a] * mixing[a, b];
                rows[i][b] = (float)v;
            }
        }
        return rows;
    }

    public static double[] Mean(IReadOnlyList<float[]> rows) =>
        Enumerable.Range(0, rows[0].Length).Select(j => rows.Average(r => (double)r[j])).ToArray();

    /// <summary>Sample covariance (n − 1).</summary>
    public static double[,] Covariance(IReadOnlyList<float[]> rows)
    {
        var d = rows[0].Length;
        var mean = Mean(rows);
        var c = new double[d, d];
        foreach (var r in rows)
            for (var a = 0; a < d; a++)
                for (var b = 0; b < d; b++) c[a, b] += (r[a] - mean[a]) * (r[b] - mean[b]);
        for (var a = 0; a < d; a++)
            for (var b = 0; b < d; b++) c[a, b] /= rows.Count - 1;
        return c;
    }

    /// <summary>The rows through <paramref name="map"/>'s saved step, after a save and reload, checked equal to <see cref="AffineMap.Apply(IReadOnlyList{float[]})"/> to 1e-4 (relative to the largest value).</summary>
    public static float[][] ThroughSavedStep(AffineMap map, IReadOnlyList<float[]> rows)
    {
        var ml = new MLContext(0);
        var view = new TableDataView(rows.Count).AddVector("Features", rows, new VectorDataViewType(NumberDataViewType.Single, map.InputSize));
        var step = map.ToTransformer(ml, view, "Features");
        var dir = TestData.TempDir();
        try
        {
            var path = Path.Combine(dir, "map.zip");
            ml.Model.Save(step, view.Schema, path);
            var saved = ml.Model.Load(path, out _).Transform(view).GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToArray();
            var applied = map.Apply(rows);
            var scale = Math.Max(1, applied.Max(r => r.Max(Math.Abs)));
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(map.OutputSize, saved[i].Length);
                for (var j = 0; j < saved[i].Length; j++) Assert.True(Math.Abs(saved[i][j] - applied[i][j]) <= 1e-4 * scale, $"row {i} value {j}: saved {saved[i][j]}, applied {applied[i][j]}");
            }
            return saved;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
