using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="TrainWorkflow"/> trains. Defaults: 20% test split, ResNet18, logistic regression, seed 0.</summary>
public sealed record TrainOptions
{
    /// <summary>Training data: a class-folder tree or a CSV.</summary>
    public string Data { get; init; } = "";

    /// <summary>Test data; when null, <see cref="TestFraction"/> of <see cref="Data"/> is held out (stratified).</summary>
    public string? Test { get; init; }

    public double TestFraction { get; init; } = 0.2;

    /// <summary>Where to write the model zip.</summary>
    public string Out { get; init; } = "";

    public string? Label { get; init; }
    public IReadOnlyList<string> ImageColumns { get; init; } = [];
    public IReadOnlyList<string> TextColumns { get; init; } = [];
    public IReadOnlyList<string> NumericColumns { get; init; } = [];

    /// <summary>Image backbones by name or ONNX path.</summary>
    public IReadOnlyList<string> Backbones { get; init; } = ["resnet18"];

    /// <summary>Featurizers every text column goes through (concatenated): tfidf (default), bow, sklearn-count, sklearn-tfidf, or a text backbone (minilm).</summary>
    public IReadOnlyList<string> TextFeaturizers { get; init; } = ["tfidf"];

    /// <summary>Head: "lr", "fasttree" or "mlp".</summary>
    public string Trainer { get; init; } = "lr";

    public int Seed { get; init; }

    public string? MetricsJson { get; init; }

    /// <summary>Folder of the embedding cache (see <see cref="Engine.EmbeddingCache"/>); null: no cache.</summary>
    public string? CacheDir { get; init; }

    /// <summary>Where the backbones run: "cpu" (default), "cuda" or "cuda:N"; CUDA falls back to the CPU with a message when unavailable.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>"fail" (default: stop before training, naming the first unreadable image) or "skip" (leave unreadable images out and list them in &lt;model&gt;.bad-inputs.csv).</summary>
    public string OnBadInput { get; init; } = "fail";

    /// <summary>Every problem with the options, in one message; nothing when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Data)) problems.Add("--data is required");
        if (string.IsNullOrWhiteSpace(Out)) problems.Add("--out is required");
        else if (!Out.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) problems.Add($"--out must name a .zip file (got '{Out}')");
        if (Test is null && !(TestFraction > 0 && TestFraction < 1)) problems.Add($"--test-fraction must be between 0 and 1, exclusive (got {TestFraction})");
        if (!HeadKinds.Names.Contains(Trainer.Trim().ToLowerInvariant())) problems.Add($"unknown trainer '{Trainer}': expected one of {string.Join(", ", HeadKinds.Names)}");
        if (Backbones.Count == 0) problems.Add("at least one --backbone is needed");
        if (TextFeaturizers.Count == 0) problems.Add("at least one --text-featurizer is needed");
        problems.AddRange(TextFeaturizers.Select(Featurizers.TextFeaturizer.Problem).OfType<string>());
        if (MlNetTransfer.Data.BadInputPolicies.Problem(OnBadInput) is { } badInput) problems.Add(badInput);
        if (!Engine.ComputeDevice.TryParse(Device, out _)) problems.Add($"unknown device '{Device}': expected cpu, cuda or cuda:N");
        return problems;
    }
}
