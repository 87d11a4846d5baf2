using MlNetTransfer.Heads;
using MlNetTransfer.Datasets;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// Models trained once for the reliability tests that read them (each on first use): ResNet18 + lr on the shipped
/// Fashion-MNIST subset (the zip holds the backbone's ONNX bytes, which ML.NET copies to a temp file on load), and
/// tf-idf + lr on the shipped SpamAssassin subset.
/// </summary>
public sealed class ReliabilityModels : IDisposable
{
    private readonly Lazy<string> _fashion;
    private readonly Lazy<string> _spamTfidf;

    public ReliabilityModels()
    {
        Dir = TestData.TempDir();
        _fashion = new(() => Train("fashion-lr.zip", new TrainOptions { Data = TestData.FashionTrain, Test = TestData.FashionTest, Trainer = HeadRegistry.Default.Get("lr") }));
        _spamTfidf = new(() => Train("spam-tfidf-lr.zip", Spam("lr")));
    }

    public string Dir { get; }

    /// <summary>ResNet18 + lr, 10 classes; input <c>ImagePath</c>.</summary>
    public string FashionZip => _fashion.Value;

    /// <summary>tf-idf + lr, ham/spam; input the <c>text</c> column.</summary>
    public string SpamTfidfZip => _spamTfidf.Value;

    /// <summary>The shipped Fashion-MNIST test images, sorted.</summary>
    public static IReadOnlyList<string> FashionTestImages => TestData.Images(TestData.FashionTest, int.MaxValue).Select(i => i.Path).ToList();

    /// <summary>The texts of the shipped SpamAssassin test emails, in file order.</summary>
    public static IReadOnlyList<string> SpamTestTexts =>
        DatasetLoader.Load(TestData.SpamTest, new DatasetOptions { TextColumns = ["text"] }).Columns.Single().Values;

    private static TrainOptions Spam(string trainer) =>
        new() { Data = TestData.SpamTrain, Test = TestData.SpamTest, TextColumns = ["text"], Trainer = HeadRegistry.Default.Get(trainer) };

    private string Train(string file, TrainOptions options) => TrainWorkflow.Run(options with { Out = Path.Combine(Dir, file) }).ModelPath;

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
