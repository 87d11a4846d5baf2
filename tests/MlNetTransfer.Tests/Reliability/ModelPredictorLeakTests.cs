using System.Diagnostics;
using Microsoft.ML;
using MlNetTransfer.Workflows;
using Xunit.Abstractions;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// 200 predictions through the library — 10 load/predict/dispose cycles of the ResNet18 model, 40 of the tf-idf text
/// model, then 150 predictions from one loaded ResNet18 model — leave no temp file behind, no extra open file handle
/// and no managed memory growth beyond a generous bound, even with the last (disposed) predictor still referenced. ML.NET copies a zip's ONNX bytes to a temp file under the
/// context's <c>TempFilePath</c> on load; pointing it at a fresh folder makes "no temp file left" checkable while
/// other processes use the system temp folder (the CLI test checks the default, TMPDIR, for whole processes).
/// </summary>
[Collection(ReliabilityModelsCollection.Name)]
public sealed class ModelPredictorLeakTests(ReliabilityModels models, ITestOutputHelper output)
{
    /// <summary>A leaked handle per cycle would add 50; threads and runtime housekeeping move a few.</summary>
    private const int HandleSlack = 16;

    /// <summary>A leaked model per cycle (tf-idf vocabulary and weights, the ResNet18 graph) would add well over this.</summary>
    private const long MemorySlackBytes = 48L << 20;

    [Fact]
    public void TwoHundredPredictions_LeaveNoTempFiles_NoNewHandles_AndFlatManagedMemory()
    {
        var texts = ReliabilityModels.SpamTestTexts;
        var images = ReliabilityModels.FashionTestImages;
        var (textZip, imageZip) = (models.SpamTfidfZip, models.FashionZip); // trained before anything is measured
        var temp = TestData.TempDir();
        try
        {
            MLContext Context() => new(0) { TempFilePath = temp };
            Prediction Cycle(string zip, string input)
            {
                Prediction prediction;
                using (var predictor = ModelPredictor.Load(zip, Context()))
                {
                    // The check below is not vacuous: while an image model is loaded its ONNX copy is there.
                    if (predictor.IsImageModel) Assert.NotEmpty(Directory.GetFileSystemEntries(temp));
                    prediction = predictor.Predict(input);
                }
                Assert.Empty(Directory.GetFileSystemEntries(temp));
                return prediction;
            }

            // Warm-up: JIT, ONNX Runtime's and ML.NET's one-off allocations, the image decoder.
            var firstImage = Cycle(imageZip, images[0]);
            var firstText = Cycle(textZip, texts[0]);
            Cycle(imageZip, images[1]);
            Cycle(textZip, texts[1]);

            var handlesBefore = OpenHandles();
            var memoryBefore = ManagedMemory();
            var predictions = 0;
            for (var i = 0; i < 10; i++, predictions++)
            {
                var p = Cycle(imageZip, images[i % 2 == 0 ? 0 : i]);
                if (i % 2 == 0) Assert.Equal(firstImage.Probabilities, p.Probabilities); // a fresh load predicts the same
            }
            for (var i = 0; i < 40; i++, predictions++)
            {
                var p = Cycle(textZip, texts[i % 2 == 0 ? 0 : i]);
                if (i % 2 == 0) Assert.Equal(firstText.Probabilities, p.Probabilities);
            }
            // Still referenced when memory is measured (as a using variable may be: the JIT can report it live to the
            // end of the method): a disposed predictor must not keep its model's ~115 MB ONNX graph alive.
            var disposedPredictor = ModelPredictor.Load(imageZip, Context());
            using (disposedPredictor)
            {
                Assert.NotEmpty(Directory.GetFileSystemEntries(temp));
                for (var i = 0; i < 150; i++, predictions++)
                    disposedPredictor.Predict(images[i % images.Count]);
            }
            var handlesAfter = OpenHandles();
            var memoryAfter = ManagedMemory();
            GC.KeepAlive(disposedPredictor);
            output.WriteLine($"{predictions} predictions; open handles {handlesBefore} -> {handlesAfter}; managed memory {memoryBefore:N0} -> {memoryAfter:N0} bytes");

            Assert.Equal(200, predictions);
            Assert.Empty(Directory.GetFileSystemEntries(temp));
            Assert.True(handlesAfter <= handlesBefore + HandleSlack, $"open handles grew from {handlesBefore} to {handlesAfter}");
            Assert.True(memoryAfter <= memoryBefore + MemorySlackBytes, $"managed memory grew from {memoryBefore:N0} to {memoryAfter:N0} bytes");
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Open file descriptors of this process (Linux: /proc/self/fd; elsewhere the OS handle count).</summary>
    private static int OpenHandles() =>
        Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : Process.GetCurrentProcess().HandleCount;

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
