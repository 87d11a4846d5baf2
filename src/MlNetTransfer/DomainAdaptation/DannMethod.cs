using Microsoft.ML;
using MlNetTransfer.Heads;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// <c>dann</c>: domain-adversarial training on the features (<see cref="DannTrainer"/>; Ganin et al. 2016, JMLR). It trains
/// its own network, so <see cref="AdaptationContext.Trainer"/> is not used. The adapter and label head are saved as the
/// <c>mlp</c> head's stock steps (<see cref="MlpHead.Build"/>: a generated ONNX graph, Sub/Mul/Gemm/Relu/Gemm/Softmax, and the
/// one-hot KMeans argmax), with the target domain's standardisation, so the zip predicts on target-domain inputs. The input
/// is always standardised per domain (<see cref="AdaptationContext.Standardize"/> is not consulted: the method needs it).
/// </summary>
public sealed class DannMethod : IDomainAdaptationMethod
{
    /// <summary>DANN with <paramref name="options"/> (null: the defaults).</summary>
    public DannMethod(DannOptions? options = null) => Options = options ?? new DannOptions();

    /// <summary>The settings.</summary>
    public DannOptions Options { get; }

    /// <inheritdoc />
    public string Name
    {
        get
        {
            var d = new DannOptions();
            return MethodNames.With("dann", ("hidden", MethodNames.IfNot(Options.Hidden, d.Hidden)), ("epochs", MethodNames.IfNot(Options.Epochs, d.Epochs)),
                ("domain-weight", MethodNames.IfNot(Options.DomainWeight, d.DomainWeight)), ("entropy-weight", MethodNames.IfNot(Options.EntropyWeight, d.EntropyWeight)));
        }
    }

    /// <inheritdoc />
    public AdaptedHead Fit(MLContext ml, AdaptationData data, AdaptationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var missing = Enumerable.Range(0, data.Labels.Count).Where(c => !data.SourceLabels.Contains(c) && !data.TargetLabeledLabels.Contains(c)).Select(c => $"'{data.Labels[c]}'").ToList();
        if (missing.Count > 0) throw new UserInputException($"DANN needs labeled rows of every label; there are none of {string.Join(", ", missing)}.");
        var progress = context.Progress is null ? null : new Progress(context.Progress);
        var model = DannTrainer.Train(data.Source, data.SourceLabels, data.Target, data.Labels.Count, Options, context.Seed,
            data.TargetLabeled, data.TargetLabeledLabels, progress, context.Cancellation);
        var head = MlpHead.Build(ml, model.Model, data.Labels, HeadOnRows.View([], data.FeatureCount).Schema, HeadOnRows.FeatureColumn);
        var probabilities = HeadOnRows.Probabilities(head, data.Target, data.FeatureCount, data.Labels.Count);
        var last = model.History[^1];
        var first = model.History[0];
        var summary = $"DANN ({Options.Epochs} epochs, adapter {data.FeatureCount} -> {Options.Hidden}, entropy weight {Options.EntropyWeight:0.###}): " +
            $"domain discriminator accuracy {first.DomainAccuracy:F2} after the first epoch, {last.DomainAccuracy:F2} after the last; source accuracy {last.SourceAccuracy:F2}.";
        var values = new List<KeyValuePair<string, double>>
        {
            new("epochs", model.History.Count),
            new("domainAccuracyFirstEpoch", first.DomainAccuracy),
            new("domainAccuracy", last.DomainAccuracy),
            new("sourceAccuracy", last.SourceAccuracy),
            new("targetEntropy", last.TargetEntropy),
            new("labelLoss", last.LabelLoss),
        };
        return new AdaptedHead(head, probabilities, summary, values);
    }

    /// <summary>Each epoch as a step of the workflow's progress.</summary>
    private sealed class Progress(IProgress<WorkflowProgress> inner) : IProgress<DannEpoch>
    {
        public void Report(DannEpoch value) => inner.Report(new WorkflowProgress("dann", value.Epoch, value.Epochs, value.ToString()));
    }
}
