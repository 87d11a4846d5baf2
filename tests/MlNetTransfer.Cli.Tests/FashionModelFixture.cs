namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// Trains ResNet18 + lr on the shipped Fashion-MNIST subset once per test class (it costs ~30 s), in a temp folder.
/// The predictions CSV over the test set is made on first use and shared.
/// </summary>
public sealed class FashionModelFixture : IDisposable
{
    private readonly Lazy<CliResult> _predictions;

    public FashionModelFixture()
    {
        Dir = new TempDir();
        Train = Dir.Run("train", "--data", TestData.FashionTrain, "--test", TestData.FashionTest,
            "--out", ModelZip, "--metrics-json", MetricsPath, "--trainer", "lr");
        _predictions = new Lazy<CliResult>(() =>
            Dir.Run("predict", "--model", ModelZip, "--data", TestData.FashionTest, "--out", PredictionsCsv));
    }

    public TempDir Dir { get; }

    public string ModelZip => Dir["m.zip"];

    public string MetricsPath => Dir["m.json"];

    public string PredictionsCsv => Dir["p.csv"];

    /// <summary>The training run (not asserted here, so a failure shows in each test with its output).</summary>
    public CliResult Train { get; }

    /// <summary><c>predict --data &lt;fashion test&gt; --out p.csv</c>, run once when first asked for.</summary>
    public CliResult Predictions => _predictions.Value;

    public void Dispose() => Dir.Dispose();
}
