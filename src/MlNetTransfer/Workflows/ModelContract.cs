using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What a saved model takes and gives, read once from its transformer: the input columns (<see cref="InputSchema"/>),
/// the output schema, and for a classifier its <c>PredictedLabel</c> and <c>Score</c> (a vector, or a single margin for
/// a binary head, whose probability is <c>Probability</c>), the labels in score order, which inputs those outputs are
/// computed from and which inputs a <c>LoadImages</c> step reads image paths from. Holds for zips written by
/// <c>train</c> (which add <c>PredictedLabelKey</c>) and for classifiers built from stock ML.NET steps.
/// </summary>
/// <param name="InputSchema">The columns the model takes as input (a zip saved with its training data's schema lists its label too).</param>
/// <param name="OutputSchema">The model's output schema for <paramref name="InputSchema"/>, hidden columns included.</param>
/// <param name="MissingClassifierOutputs">Which of <c>PredictedLabel</c> and <c>Score</c> the model lacks (empty: a classifier).</param>
/// <param name="Labels">The labels in score order (<see cref="ScoredView.Labels"/> says where they are read from); null when the outputs do not name them.</param>
/// <param name="IsBinary">True when <c>Score</c> is a single value (a binary head), false when it is a vector or missing.</param>
/// <param name="RequiredInputs">
/// The input columns <c>PredictedLabel</c>, <c>Score</c> and <c>Probability</c> are computed from, in input order, as
/// ML.NET's row mapper reports them (<c>GetDependencies</c>): a label the zip lists as an input but no prediction reads
/// is not one of them. Every visible input when the model is not a classifier or its dependencies cannot be computed.
/// </param>
/// <param name="ImageInputs">
/// The input columns a <c>LoadImages</c> step turns into images (directly or through copies), each with that step's
/// image folder (null: paths are used as given, relative to the current folder). Empty for a model without images.
/// </param>
public sealed record ModelContract(
    DataViewSchema InputSchema,
    DataViewSchema OutputSchema,
    IReadOnlyList<string> MissingClassifierOutputs,
    IReadOnlyList<string>? Labels,
    bool IsBinary,
    IReadOnlyList<string> RequiredInputs,
    IReadOnlyDictionary<string, string?> ImageInputs)
{
    /// <summary>True when the model outputs <c>PredictedLabel</c> and <c>Score</c>.</summary>
    public bool IsClassifier => MissingClassifierOutputs.Count == 0;

    /// <summary>
    /// True when the model predicts a number: <c>Score</c> a float scalar and no <c>PredictedLabel</c> (nor a binary
    /// classifier's <c>Probability</c>), as <c>train</c> writes a regression (<see cref="RegressionScores.IsRegressionOutput"/>).
    /// </summary>
    public bool IsRegression => RegressionScores.IsRegressionOutput(OutputSchema);

    /// <summary>The visible output columns, in schema order (a column replaced by a later step is shown once).</summary>
    public IReadOnlyList<DataViewSchema.Column> Outputs => OutputSchema.Where(c => !c.IsHidden).ToList();

    /// <summary>
    /// Reads the contract of <paramref name="model"/> given its saved input schema (from <c>mlContext.Model.Load</c>).
    /// Only schemas and row mappers are built: no data is read and no ONNX session runs.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ModelContract Read(ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var output = model.GetOutputSchema(inputSchema);
        var missing = new[] { ClassificationHead.PredictedLabel, ClassificationHead.Score }.Where(c => output.GetColumnOrNull(c) is null).ToList();
        var labels = ScoredView.TryLabels(output);
        var binary = output.GetColumnOrNull(ClassificationHead.Score) is { Type: not VectorDataViewType };
        var visibleInputs = inputSchema.Where(c => !c.IsHidden).Select(c => c.Name).ToList();
        var required = missing.Count == 0 ? Dependencies(model, inputSchema, ClassifierOutputs) ?? visibleInputs : visibleInputs;
        return new ModelContract(inputSchema, output, missing, labels, binary, required, ImagePathInputs(model, inputSchema));
    }

    private static readonly string[] ClassifierOutputs = [ClassificationHead.PredictedLabel, ClassificationHead.Score, ClassificationHead.Probability];

    /// <summary>
    /// The visible input columns the (visible) <paramref name="outputs"/> of <paramref name="model"/> depend on, as its row
    /// mapper reports them; null when the model is not a row-to-row mapper or the mapper cannot be built.
    /// </summary>
    private static IReadOnlyList<string>? Dependencies(ITransformer model, DataViewSchema inputSchema, IEnumerable<string> outputs)
    {
        if (!model.IsRowToRowMapper) return null;
        try
        {
            var mapper = model.GetRowToRowMapper(inputSchema);
            var wanted = outputs.Select(name => mapper.OutputSchema.GetColumnOrNull(name)).OfType<DataViewSchema.Column>().ToList();
            var needed = mapper.GetDependencies(wanted).Select(c => c.Index).ToHashSet();
            return inputSchema.Where(c => !c.IsHidden && needed.Contains(c.Index)).Select(c => c.Name).ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// For every <c>LoadImages</c> step (<see cref="ImageLoadingTransformer"/>) of the flattened pipeline, the input columns
    /// its images are computed from (the pipeline up to that step, asked for the dependencies of the columns it adds),
    /// with the step's image folder. The first step reading an input decides its folder.
    /// </summary>
    private static IReadOnlyDictionary<string, string?> ImagePathInputs(ITransformer model, DataViewSchema inputSchema)
    {
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        var steps = new List<ITransformer>();
        Flatten(model, steps);
        if (!steps.OfType<ImageLoadingTransformer>().Any()) return found;
        try
        {
            var schema = inputSchema;
            for (var i = 0; i < steps.Count; i++)
            {
                var next = steps[i].GetOutputSchema(schema);
                if (steps[i] is ImageLoadingTransformer loader && next.Count > schema.Count)
                {
                    // A row mapper appends the columns a step adds after its input's (a replaced column stays, hidden).
                    var added = Enumerable.Range(schema.Count, next.Count - schema.Count).Select(index => next[index].Name);
                    var prefix = new TransformerChain<ITransformer>([.. steps.Take(i + 1)]);
                    foreach (var input in Dependencies(prefix, inputSchema, added) ?? [])
                        found.TryAdd(input, string.IsNullOrEmpty(loader.ImageFolder) ? null : loader.ImageFolder);
                }
                schema = next;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // A step whose schema cannot be computed: no image input is claimed (the caller's checks then name the problem).
        }
        return found;
    }

    private static void Flatten(ITransformer transformer, List<ITransformer> steps)
    {
        if (transformer is IEnumerable<ITransformer> chain)
            foreach (var inner in chain) Flatten(inner, steps);
        else steps.Add(transformer);
    }
}
