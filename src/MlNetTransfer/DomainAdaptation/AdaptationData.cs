namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// The in-memory features a domain-adaptation method learns from: labeled source rows, unlabeled target rows and, for
/// few-shot adaptation, a handful of labeled target rows. Every row has the same length d (dense floats); labels are
/// indices into <see cref="Labels"/> (the head's score order).
/// </summary>
public sealed record AdaptationData
{
    /// <summary>
    /// The data, checked: an <see cref="ArgumentException"/> for no source or no target rows, rows of different
    /// lengths, a label count that differs from the row count, or a label index outside <paramref name="labels"/>.
    /// </summary>
    public AdaptationData(IReadOnlyList<string> labels, IReadOnlyList<float[]> source, IReadOnlyList<int> sourceLabels, IReadOnlyList<float[]> target,
        IReadOnlyList<float[]>? targetLabeled = null, IReadOnlyList<int>? targetLabeledLabels = null, IReadOnlyList<int[]>? views = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < 2) throw new ArgumentException("Adaptation needs at least two labels.", nameof(labels));
        Labels = labels;
        Source = source;
        SourceLabels = sourceLabels;
        Target = target;
        TargetLabeled = targetLabeled ?? [];
        TargetLabeledLabels = targetLabeledLabels ?? [];
        FeatureCount = Width(source, target);
        if (TargetLabeled.Count > 0) Width(source, TargetLabeled);
        CheckLabels(sourceLabels, source.Count, labels.Count, nameof(sourceLabels));
        CheckLabels(TargetLabeledLabels, TargetLabeled.Count, labels.Count, nameof(targetLabeledLabels));
        Views = views ?? [];
        foreach (var view in Views)
            if (view.Length == 0 || view.Any(i => i < 0 || i >= FeatureCount))
                throw new ArgumentException($"A view must list feature indices in 0..{FeatureCount - 1}.", nameof(views));
    }

    /// <summary>The class names, in the head's score order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Labeled source rows, [n_s][d].</summary>
    public IReadOnlyList<float[]> Source { get; }

    /// <summary>The source rows' labels, indices into <see cref="Labels"/>, [n_s].</summary>
    public IReadOnlyList<int> SourceLabels { get; }

    /// <summary>Unlabeled target rows, [n_t][d] (any labels the target has are never given to a method).</summary>
    public IReadOnlyList<float[]> Target { get; }

    /// <summary>Labeled target rows for few-shot adaptation, [m][d]; empty for none.</summary>
    public IReadOnlyList<float[]> TargetLabeled { get; }

    /// <summary>Their labels, indices into <see cref="Labels"/>, [m].</summary>
    public IReadOnlyList<int> TargetLabeledLabels { get; }

    /// <summary>
    /// Feature indices of each natural view of the features (one per featurizer part: an image backbone, a text
    /// column's featurizer…), for co-training; empty when unknown.
    /// </summary>
    public IReadOnlyList<int[]> Views { get; }

    /// <summary>
    /// The widest rows the methods that decompose or learn d x d (or d x hidden) matrices accept (CORAL, DANN): wider
    /// features (a sparse tf-idf vocabulary) are refused with <see cref="WideFeaturesHint"/>.
    /// </summary>
    public const int MaxDenseFeatures = 4096;

    /// <summary>What to do about rows wider than <see cref="MaxDenseFeatures"/>, ending the methods' refusal.</summary>
    internal const string WideFeaturesHint = "use features with fewer values (for text, --text-featurizer minilm gives 384) or another method.";

    /// <summary>d: the length of every row.</summary>
    public int FeatureCount { get; }

    /// <summary>The common length of the rows of both lists; an <see cref="ArgumentException"/> when either is empty or rows differ in length.</summary>
    public static int Width(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Count == 0) throw new ArgumentException("There are no source rows.", nameof(source));
        if (target.Count == 0) throw new ArgumentException("There are no target rows.", nameof(target));
        var width = source[0].Length;
        if (width == 0) throw new ArgumentException("Rows have no features.", nameof(source));
        for (var i = 0; i < source.Count; i++)
            if (source[i].Length != width) throw new ArgumentException($"Source row {i} has {source[i].Length} features; row 0 has {width}.", nameof(source));
        for (var i = 0; i < target.Count; i++)
            if (target[i].Length != width) throw new ArgumentException($"Target row {i} has {target[i].Length} features; the source rows have {width}.", nameof(target));
        return width;
    }

    private static void CheckLabels(IReadOnlyList<int> labels, int rows, int classes, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Count != rows) throw new ArgumentException($"{labels.Count} labels for {rows} rows.", name);
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= classes) throw new ArgumentException($"Label index {labels[i]} of row {i} is outside 0..{classes - 1}.", name);
    }
}
