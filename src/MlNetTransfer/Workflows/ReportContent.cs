using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="ModelReport"/> writes: one run's data, results and timings.</summary>
internal sealed record ReportContent
{
    /// <summary>The heading: <c>Training report</c> or <c>Evaluation report</c>.</summary>
    public required string Title { get; init; }

    /// <summary>The model the run wrote or read.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The data sets, named (<c>training</c>, <c>test</c>, <c>evaluated</c>), for the data summary.</summary>
    public required IReadOnlyList<(string Name, Dataset Data)> Sets { get; init; }

    /// <summary>Inputs left out as unreadable (<c>--on-bad-input skip</c>).</summary>
    public IReadOnlyList<(Dataset Data, BadInput Bad)> Skipped { get; init; } = [];

    /// <summary>The metrics on the test or evaluated data.</summary>
    public required IModelMetrics Metrics { get; init; }

    /// <summary>What the metrics were computed on, in words (<c>test data, 100 examples</c>).</summary>
    public required string MetricsOn { get; init; }

    /// <summary>A regression's true numbers and predictions (for its pictures); empty for a classification.</summary>
    public IReadOnlyList<float> Truth { get; init; } = [];

    /// <summary>A regression's predictions, in <see cref="Truth"/>'s order.</summary>
    public IReadOnlyList<float> Predicted { get; init; } = [];

    /// <summary><c>--trainer auto</c>'s search; null otherwise.</summary>
    public HeadSearchResult? Search { get; init; }

    /// <summary>Time by stage; empty when not measured.</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];

    /// <summary>The features the head saw for the mapped rows (test or evaluated data), one per <see cref="MapLabels"/>; empty: no map.</summary>
    public IReadOnlyList<float[]> MapFeatures { get; init; } = [];

    /// <summary>The true label (or number, as text) of each mapped row.</summary>
    public IReadOnlyList<string> MapLabels { get; init; } = [];

    /// <summary>Why there is no map, when <see cref="MapFeatures"/> is empty.</summary>
    public string? NoMapReason { get; init; }

    /// <summary>The seed of the map's t-SNE and subsample.</summary>
    public int Seed { get; init; }
}
