using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// Synthetic domains for the adaptation tests: classes are unit-variance Gaussians around given means; the target domain
/// is the source distribution moved by a known map (shift, rotation, scale), so what each method should recover is known.
/// </summary>
internal static class ShiftedGaussians
{
    /// <summary><paramref name="classes"/> label names, sorted ordinally (a, b, c…).</summary>
    public static string[] Labels(int classes) => Enumerable.Range(0, classes).Select(c => ((char)('a' + c)).ToString()).ToArray();

    /// <summary>
    /// <paramref name="perClass"/>[c] rows of class c around <paramref name="means"/>[c] (unit variance per dimension),
    /// then <paramref name="move"/>; the rows are interleaved by class.
    /// </summary>
    public static (float[][] Rows, int[] Labels) Draw(Random random, float[][] means, int[] perClass, Func<float[], float[]>? move = null)
    {
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < perClass.Max(); i++)
            for (var c = 0; c < means.Length; c++)
            {
                if (i >= perClass[c]) continue;
                var x = means[c].Select(m => (float)(m + Gaussian(random))).ToArray();
                rows.Add(move is null ? x : move(x));
                labels.Add(c);
            }
        return (rows.ToArray(), labels.ToArray());
    }

    /// <summary>Means of <paramref name="classes"/> classes on a circle of <paramref name="radius"/> in the plane of dimensions 0 and 1, the other dimensions 0.</summary>
    public static float[][] Circle(int classes, int d, double radius) =>
        Enumerable.Range(0, classes).Select(c =>
        {
            var m = new float[d];
            var angle = 2 * Math.PI * c / classes;
            m[0] = (float)(radius * Math.Cos(angle));
            m[1] = (float)(radius * Math.Sin(angle));
            return m;
        }).ToArray();

    /// <summary>Rotates dimensions 0 and 1 by <paramref name="degrees"/>, then scales every value by <paramref name="scale"/> and adds <paramref name="shift"/> to every value.</summary>
    public static Func<float[], float[]> Rotate(double degrees, double scale = 1, double shift = 0) => x =>
    {
        var a = degrees * Math.PI / 180;
        var y = (float[])x.Clone();
        y[0] = (float)(Math.Cos(a) * x[0] - Math.Sin(a) * x[1]);
        y[1] = (float)(Math.Sin(a) * x[0] + Math.Cos(a) * x[1]);
        for (var j = 0; j < y.Length; j++) y[j] = (float)(y[j] * scale + shift);
        return y;
    };

    /// <summary>Adds <paramref name="shift"/>[j] to value j.</summary>
    public static Func<float[], float[]> Shift(float[] shift) => x => x.Select((v, j) => v + shift[j]).ToArray();

    /// <summary>Share of rows whose most probable class is their label.</summary>
    public static double Accuracy(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels) =>
        (double)Enumerable.Range(0, labels.Count).Count(i => HeadOnRows.ArgMax(probabilities[i]) == labels[i]) / labels.Count;

    /// <summary>
    /// Saves <paramref name="adapted"/>'s transformer (schema: <c>Features</c>, a vector of d floats), reloads it and scores
    /// <paramref name="rows"/> with both: (labels before, labels after, probabilities after).
    /// </summary>
    public static (string[] Before, string[] After, float[][] Reloaded) SaveAndReload(MLContext ml, ITransformer transformer, IReadOnlyList<float[]> rows, int classes)
    {
        var d = rows[0].Length;
        var view = new TableDataView(rows.Count).AddVector("Features", rows, new VectorDataViewType(NumberDataViewType.Single, d));
        var path = Path.Combine(TestData.TempDir(), "adapted.zip");
        ml.Model.Save(transformer, view.Schema, path);
        var reloaded = ml.Model.Load(path, out _);
        string[] Predicted(ITransformer t) => t.Transform(view).GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(v => v.ToString()).ToArray();
        return (Predicted(transformer), Predicted(reloaded), HeadOnRows.Probabilities(reloaded, rows, d, classes));
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

/// <summary>A test-only alignment: each domain centred on its own mean (no scaling), saved as a shift.</summary>
internal sealed class CenteringAlignment : IFeatureAlignment
{
    public string Name => "centering";

    public FittedAlignment Fit(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target)
    {
        var d = AdaptationData.Width(source, target);
        float[] Mean(IReadOnlyList<float[]> rows) => Enumerable.Range(0, d).Select(j => rows.Average(r => r[j])).ToArray();
        var sourceMean = Mean(source);
        var targetMean = Mean(target);
        return new FittedAlignment(new AffineMap(d, shift: sourceMean), new AffineMap(d, shift: targetMean), "Each domain centred on its mean.",
            [new("meanShift", Math.Sqrt(sourceMean.Zip(targetMean).Sum(p => (p.First - p.Second) * (p.First - p.Second))))]);
    }
}

/// <summary>
/// The translation used by the pseudo-labelling tests: two classes, 10-d, means ±0.7 on every dimension, 200 rows per
/// class per domain; the target is moved by +1.2 on even and +0.6 on odd dimensions, towards class b, so a source-only
/// head labels most target rows b (about 0.67 accuracy) while each class is still a separate cluster.
/// </summary>
internal sealed record Translation(float[][] Source, int[] SourceLabels, float[][] Target, int[] TargetLabels, float[][] Labeled, int[] LabeledLabels)
{
    public static Translation Make(int labeledPerClass = 3, int seed = 1)
    {
        const int d = 10;
        var random = new Random(seed);
        var means = new[] { Enumerable.Repeat(-0.7f, d).ToArray(), Enumerable.Repeat(0.7f, d).ToArray() };
        var move = ShiftedGaussians.Shift(Enumerable.Range(0, d).Select(j => j % 2 == 0 ? 1.2f : 0.6f).ToArray());
        var (s, sl) = ShiftedGaussians.Draw(random, means, [200, 200]);
        var (t, tl) = ShiftedGaussians.Draw(random, means, [200, 200], move);
        var (l, ll) = ShiftedGaussians.Draw(random, means, [labeledPerClass, labeledPerClass], move);
        return new Translation(s, sl, t, tl, l, ll);
    }

    public AdaptationData Data(bool withLabeled = false, IReadOnlyList<int[]>? views = null) =>
        withLabeled ? new AdaptationData(ShiftedGaussians.Labels(2), Source, SourceLabels, Target, Labeled, LabeledLabels, views)
            : new AdaptationData(ShiftedGaussians.Labels(2), Source, SourceLabels, Target, views: views);
}
