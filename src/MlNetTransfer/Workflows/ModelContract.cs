using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What a saved model takes and gives, read once from its transformer: the input columns (<see cref="InputSchema"/>,
/// for an image model just <c>ImagePath</c>), the output schema, and for a classifier as <c>train</c> writes them the
/// output contract of <see cref="ClassificationHead"/>: <c>PredictedLabel</c> (text), <c>Score</c> (a vector, or a
/// single margin for a binary FastTree head, whose probability is <c>Probability</c>) and <c>PredictedLabelKey</c>,
/// whose key values are the labels in score order.
/// </summary>
/// <param name="InputSchema">The columns the model takes as input.</param>
/// <param name="OutputSchema">The model's output schema for <paramref name="InputSchema"/>, hidden columns included.</param>
/// <param name="MissingClassifierOutputs">Which of <c>PredictedLabel</c> and <c>Score</c> the model lacks (empty: a classifier).</param>
/// <param name="Labels">The labels in score order, from <c>PredictedLabelKey</c>'s key values; null without that column.</param>
/// <param name="IsBinary">True when <c>Score</c> is a single value (a binary head), false when it is a vector or missing.</param>
public sealed record ModelContract(
    DataViewSchema InputSchema,
    DataViewSchema OutputSchema,
    IReadOnlyList<string> MissingClassifierOutputs,
    IReadOnlyList<string>? Labels,
    bool IsBinary)
{
    /// <summary>True when the model outputs <c>PredictedLabel</c> and <c>Score</c>.</summary>
    public bool IsClassifier => MissingClassifierOutputs.Count == 0;

    /// <summary>The visible output columns, in schema order (a column replaced by a later step is shown once).</summary>
    public IReadOnlyList<DataViewSchema.Column> Outputs => OutputSchema.Where(c => !c.IsHidden).ToList();

    /// <summary>
    /// Reads the contract of <paramref name="model"/> given its saved input schema (from <c>mlContext.Model.Load</c>).
    /// Only schemas are computed: no data is read and no ONNX session runs.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ModelContract Read(ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var output = model.GetOutputSchema(inputSchema);
        var missing = new[] { ClassificationHead.PredictedLabel, ClassificationHead.Score }.Where(c => output.GetColumnOrNull(c) is null).ToList();
        var labels = output.GetColumnOrNull(ClassificationHead.PredictedLabelKey) is null ? null : ScoredView.Labels(output);
        var binary = output.GetColumnOrNull(ClassificationHead.Score) is { Type: not VectorDataViewType };
        return new ModelContract(inputSchema, output, missing, labels, binary);
    }
}
