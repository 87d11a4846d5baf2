using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>
/// Train and test features held in memory, with the vector type a head is fitted on, and how long making them took.
/// </summary>
internal sealed record FeatureSet(string Name, VectorDataViewType Type, float[][] Train, float[][] Test, TimeSpan TrainTime, TimeSpan TestTime)
{
    public double TrainMsPerImage => TrainTime.TotalMilliseconds / Train.Length;
    public double TestMsPerImage => TestTime.TotalMilliseconds / Test.Length;
    public double MsPerImage => (TrainTime + TestTime).TotalMilliseconds / (Train.Length + Test.Length);

    /// <summary>An in-memory view of <c>Features</c> and <c>Label</c>, as <see cref="FeatureMaterializer.ToView"/> makes it.</summary>
    public IDataView View(float[][] features, IReadOnlyList<string> labels) =>
        new TableDataView(features.Length)
            .AddVector(FeaturePipeline.FeaturesColumn, features, Type)
            .AddText(Dataset.LabelColumn, labels);

    /// <summary>
    /// The frozen backbone's embeddings, made as <see cref="TrainWorkflow"/> makes them: <see cref="FeaturePipeline.Fit"/>
    /// fitted on the training data, then <see cref="FeatureMaterializer.Run"/> once over train and once over test, through
    /// one <see cref="BackboneEngines"/>.
    /// </summary>
    public static FeatureSet FrozenBackbone(string backboneName, Dataset train, Dataset test, int seed, IProgress<WorkflowProgress> progress)
    {
        var backbone = Backbones.BackboneCatalog.Default.Resolve(backboneName);
        var ml = new MLContext(seed);
        using var featurizer = FeaturePipeline.Fit(ml, train, new FeaturizerOptions { ImageBackbones = [backbone] });
        using var engines = new BackboneEngines();
        var type = (VectorDataViewType)featurizer.Transformer.GetOutputSchema(train.InputSchema)[FeaturePipeline.FeaturesColumn].Type;

        var watch = Stopwatch.StartNew();
        var trainFeatures = FeatureMaterializer.Run(featurizer, train, "Featurizing training data", progress, default, engines);
        var trainTime = watch.Elapsed;
        watch.Restart();
        var testFeatures = FeatureMaterializer.Run(featurizer, test, "Featurizing test data", progress, default, engines);
        var testTime = watch.Elapsed;
        return new FeatureSet($"frozen {backbone.Name} ({type.Size})", type, Dense(trainFeatures), Dense(testFeatures), trainTime, testTime);
    }

    /// <summary>The grayscale pixels of each image scaled to 0..1 (784 values for Fashion-MNIST), decoded with ML.NET's <see cref="MLImage"/>.</summary>
    public static FeatureSet RawPixels(Dataset train, Dataset test)
    {
        var watch = Stopwatch.StartNew();
        var trainPixels = train.Ids.Select(Pixels).ToArray();
        var trainTime = watch.Elapsed;
        watch.Restart();
        var testPixels = test.Ids.Select(Pixels).ToArray();
        var testTime = watch.Elapsed;
        var size = trainPixels[0].Length;
        var odd = trainPixels.Concat(testPixels).FirstOrDefault(p => p.Length != size);
        if (odd is not null) throw new UserInputException($"Images differ in size: raw-pixel features need one size ({size} pixels expected).");
        return new FeatureSet($"raw pixels ({size})", new VectorDataViewType(NumberDataViewType.Single, size), trainPixels, testPixels, trainTime, testTime);
    }

    private static float[][] Dense(VBuffer<float>[] rows) => rows.Select(r => r.DenseValues().ToArray()).ToArray();

    private static float[] Pixels(string path)
    {
        using var image = MLImage.CreateFromFile(path);
        // MLImage holds 32-bit pixels (Bgra32 or Rgba32); a grayscale PNG has R = G = B, so any colour channel is the gray level.
        var channel = image.PixelFormat == MLPixelFormat.Bgra32 ? 2 : 0; // red
        var bytes = image.Pixels;
        var pixels = new float[image.Width * image.Height];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = bytes[4 * i + channel] / 255f;
        return pixels;
    }
}
