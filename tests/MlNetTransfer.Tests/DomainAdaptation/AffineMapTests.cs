using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// The affine map every linear adaptation method saves: the training path (<see cref="AffineMap.Apply(ReadOnlySpan{float})"/>)
/// and the saved ONNX step compute the same rows, before and after a save and reload, for each combination of parts.
/// </summary>
public sealed class AffineMapTests
{
    public static TheoryData<string> Shapes => new() { "identity", "shift+scale", "matrix", "all", "reduce" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Saved_step_equals_the_training_path_after_a_reload(string shape)
    {
        const int d = 5;
        var random = new Random(7);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var map = shape switch
        {
            "identity" => AffineMap.Identity(d),
            "shift+scale" => new AffineMap(d, shift: Values(d), scale: Values(d)),
            "matrix" => new AffineMap(d, matrix: Values(d * d)),
            "all" => new AffineMap(d, Values(d), Values(d), Values(d * d), Values(d)),
            _ => new AffineMap(d, shift: Values(d), matrix: Values(d * 2)),
        };
        var rows = Enumerable.Range(0, 20).Select(_ => Values(d)).ToArray();
        var ml = new MLContext(0);
        var view = new TableDataView(rows.Length).AddVector("Features", rows, new VectorDataViewType(NumberDataViewType.Single, d));
        var step = map.ToTransformer(ml, view, "Features");
        var path = Path.Combine(TestData.TempDir(), "map.zip");
        ml.Model.Save(step, view.Schema, path);
        var reloaded = ml.Model.Load(path, out _);

        var saved = reloaded.Transform(view).GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();

        Assert.Equal(map.OutputSize, saved[0].Length);
        Assert.Equal(shape == "reduce" ? 2 : d, map.OutputSize);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = map.Apply(rows[i]);
            for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], saved[i][j], 1e-5f);
        }
        if (shape == "identity") Assert.Equal(rows[3], saved[3]);
        if (shape == "matrix") Assert.NotEqual(rows[3], saved[3]);
    }

    [Fact]
    public void Wrong_lengths_and_non_finite_values_are_refused_naming_the_part()
    {
        Assert.Contains("shift", Assert.Throws<ArgumentException>(() => new AffineMap(3, shift: [1, 2])).Message);
        Assert.Contains("not a multiple of 3", Assert.Throws<ArgumentException>(() => new AffineMap(3, matrix: [1, 2, 3, 4])).Message);
        Assert.Contains("scale[1] is NaN", Assert.Throws<ArgumentException>(() => new AffineMap(2, scale: [1, float.NaN])).Message);
        Assert.Contains("the map reads 3", Assert.Throws<ArgumentException>(() => AffineMap.Identity(3).Apply([1f, 2f])).Message);
    }
}
