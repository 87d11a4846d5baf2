using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Engine;

public sealed class BatchedImageEmbedderTests
{
    [Theory]
    [InlineData(7, null)]  // 20 images: two full batches and a partial one
    [InlineData(32, null)] // one partial batch
    [InlineData(1, 32)]    // more decoding threads than images: 20 batches decoded at once, taken in order
    public void BatchedEmbeddings_EqualTheSavedPipelinesPerRowEmbeddings(int batchSize, int? decodeThreads)
    {
        var backbone = BuiltInBackbones.ResNet18;
        var paths = TestData.Images(TestData.FashionTest, perClass: 2).Select(i => i.Path).ToList();
        var dataset = new Dataset("test", paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);

        using var embedder = new BatchedImageEmbedder(backbone, batchSize, null, null, decodeThreads, allowSpinning: null);
        var batched = embedder.Embed(dataset, Dataset.ImagePathColumn, "embedding");
        if (decodeThreads is { } threads) Assert.InRange(embedder.PeakDecodeThreads, 2, threads);

        var ml = new MLContext(1);
        var view = new TableDataView(paths.Count).AddText(Dataset.ImagePathColumn, paths);
        using var perRow = (IDisposable)ml.Transforms.ExtractImageEmbeddings("E", backbone, Dataset.ImagePathColumn).Fit(view);
        var expected = ((ITransformer)perRow).Transform(view).GetColumn<VBuffer<float>>("E").Select(v => v.DenseValues().ToArray()).ToList();

        Assert.Equal(paths.Count, batched.Length);
        var maxDiff = expected.Zip(batched).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
        Assert.True(maxDiff <= 1e-4, $"max abs diff {maxDiff}");
        Assert.Equal(batchSize, embedder.BatchSize);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(2, 3)] // the bad image's batch fails while later batches decode: the error is still its own, in row order
    public void CorruptImage_IsNamed(int batchSize, int decodeThreads)
    {
        var dir = TestData.TempDir();
        try
        {
            var paths = TestData.Images(TestData.FashionTest, perClass: 1).Select(i => i.Path).ToList();
            var corrupt = Path.Combine(dir, "broken.png");
            File.WriteAllBytes(corrupt, new byte[300]);
            paths.Insert(5, corrupt);
            var dataset = new Dataset("test", paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);
            using var embedder = new BatchedImageEmbedder(BuiltInBackbones.ResNet18, batchSize, null, null, decodeThreads, allowSpinning: null);
            var e = Assert.Throws<UserInputException>(() => embedder.Embed(dataset, Dataset.ImagePathColumn, "embedding"));
            Assert.Equal($"Could not read image '{corrupt}': the file is not a decodable image (png, jpg, bmp, gif, webp), or it is truncated.", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Cancelling_StopsThePass_BetweenBatches()
    {
        var paths = TestData.Images(TestData.FashionTest, perClass: 1).Select(i => i.Path).ToList();
        var dataset = new Dataset("test", paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);
        using var embedder = new BatchedImageEmbedder(BuiltInBackbones.ResNet18, 2, null, null, decodeThreads: 2, allowSpinning: null);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Done > 0) cancel.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => embedder.Embed(dataset, Dataset.ImagePathColumn, "embedding", progress, cancel.Token));
        Assert.Equal(2, embedder.ImagesRun); // the first batch ran; none after the cancellation
    }

    private sealed class SynchronousProgress(Action<WorkflowProgress> report) : IProgress<WorkflowProgress>
    {
        public void Report(WorkflowProgress value) => report(value);
    }
}
