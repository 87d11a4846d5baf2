using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// The rows of an <see cref="AdaptationData"/> after an <see cref="IFeatureAlignment"/>: the alignment is fitted on the
/// source rows and the target rows (unlabeled and labeled target rows together: both are target-domain inputs), the
/// source map is applied to the source rows and the target map to both kinds of target rows. <see cref="Chain"/> puts the
/// target map's saved step (unless it is the identity) before a head fitted on mapped rows.
/// </summary>
internal sealed class AlignedRows
{
    private AlignedRows(string name, FittedAlignment alignment, IReadOnlyList<float[]> source, IReadOnlyList<float[]> target, IReadOnlyList<float[]> targetLabeled, int inputWidth)
    {
        Name = name;
        Alignment = alignment;
        Source = source;
        Target = target;
        TargetLabeled = targetLabeled;
        InputWidth = inputWidth;
    }

    /// <summary>The alignment's name (<see cref="IFeatureAlignment.Name"/>).</summary>
    public string Name { get; }

    /// <summary>" after coral(eps=10)" for a method's sentence; empty for <c>none</c>.</summary>
    public string After => Name == "none" ? "" : $" after {Name}";

    /// <summary>What the alignment learned.</summary>
    public FittedAlignment Alignment { get; }

    /// <summary>Mapped source rows, [n_s][k].</summary>
    public IReadOnlyList<float[]> Source { get; }

    /// <summary>Mapped unlabeled target rows, [n_t][k].</summary>
    public IReadOnlyList<float[]> Target { get; }

    /// <summary>Mapped labeled target rows, [m][k] (empty for none).</summary>
    public IReadOnlyList<float[]> TargetLabeled { get; }

    /// <summary>d: the width of the rows before the map (the saved model's input).</summary>
    public int InputWidth { get; }

    /// <summary>k: the width of the mapped rows (the head's input).</summary>
    public int Width => Alignment.OutputSize;

    /// <summary>Fits <paramref name="alignment"/> on <paramref name="data"/> and maps every row; checks the maps' sizes.</summary>
    public static AlignedRows Fit(IFeatureAlignment alignment, AdaptationData data, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        cancellation.ThrowIfCancellationRequested();
        var targets = data.TargetLabeled.Count == 0 ? data.Target : data.Target.Concat(data.TargetLabeled).ToList();
        var fitted = alignment.Fit(data.Source, targets);
        if (fitted.Source.InputSize != data.FeatureCount || fitted.Target.InputSize != data.FeatureCount || fitted.Source.OutputSize != fitted.Target.OutputSize)
            throw new InvalidOperationException($"Alignment '{alignment.Name}' made maps {fitted.Source.InputSize} -> {fitted.Source.OutputSize} and " +
                $"{fitted.Target.InputSize} -> {fitted.Target.OutputSize} for rows of {data.FeatureCount} features.");
        cancellation.ThrowIfCancellationRequested();
        return new AlignedRows(alignment.Name, fitted, fitted.Source.Apply(data.Source), fitted.Target.Apply(data.Target),
            data.TargetLabeled.Count == 0 ? [] : fitted.Target.Apply(data.TargetLabeled), data.FeatureCount);
    }

    /// <summary>
    /// The saved steps for target-domain inputs: the target map's ONNX step on <c>Features</c> (left out when it is the
    /// identity) and then <paramref name="head"/>, which must have been fitted on a <c>Features</c> vector of <see cref="Width"/> floats.
    /// </summary>
    public ITransformer Chain(MLContext ml, ITransformer head)
    {
        if (Alignment.Target.IsIdentity) return head;
        var input = HeadOnRows.View([], InputWidth); // the step is fitted on the schema only
        var map = Alignment.Target.ToTransformer(ml, input, HeadOnRows.FeatureColumn);
        return new TransformerChain<ITransformer>(map, head);
    }
}
