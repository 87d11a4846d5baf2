using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Text;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>text-vectorizer</c>: each text column through a fitted vocabulary (<see cref="TextVectorizerPresets"/> presets
/// <c>bow</c>, <c>tfidf</c>, <c>sklearn-count</c>, <c>sklearn-tfidf</c>), one sparse part per column. Fitted as a
/// <see cref="TextVectorizerModel"/>, whose rows the training path reads directly (equal to the saved steps to 1e-6).
/// Heads do not standardise these rows (already L2-normalised; standardising rare terms blows them up). <c>featurize</c>
/// names a slot <c>&lt;column&gt;.&lt;featurizer&gt;:&lt;term&gt;</c> (<c>message.sklearn-count:free</c>), with <c>word:</c> or
/// <c>char:</c> before the term when the featurizer has both vocabularies (<c>message.tfidf:word:free</c>,
/// <c>message.tfidf:char: fr</c>): <see cref="TextVectorizerModel.SlotNames"/> after the part's name.
/// </summary>
public sealed class TextVectorizerPartProvider : IFeaturePartProvider
{
    /// <summary>The kind's registry name.</summary>
    public const string KindName = "text-vectorizer";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public ColumnRole Role => ColumnRole.Text;

    /// <inheritdoc />
    public bool StandardizeInHead => false;

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames => TextVectorizerPresets.Names;

    /// <inheritdoc />
    public FeaturizerChoice? TryResolve(string name)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        return TextVectorizerPresets.Names.Contains(trimmed) ? new FeaturizerChoice(trimmed, this) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
        columns.Select(text => new FeaturePart($"{text}.{choice.Name}", Kind, [text], choice.Name)).ToList();

    /// <inheritdoc />
    public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options)
    {
        var texts = data.Columns.Single(c => c.Name == part.Inputs[0]).Values;
        var model = TextVectorizerModel.Fit(texts, TextVectorizerPresets.Parse(part.Featurizer), part.Inputs[0]);
        return new Fitted(part, model.ToTransformer(ml, part.Name, part.Inputs[0]), model);
    }

    /// <summary>A fitted vocabulary part: its rows straight from the model, its slots named by <see cref="TextVectorizerModel.SlotNames"/>.</summary>
    private sealed class Fitted(FeaturePart part, ITransformer transformer, TextVectorizerModel model)
        : FittedFeaturePart(part, transformer), IDirectFeatureRows
    {
        public override IReadOnlyList<string>? SlotNames => model.SlotNames;

        public VBuffer<float>[] Rows(Dataset data, bool isFittedData) => isFittedData
            ? model.TransformFitted()
            : model.Transform(data.Columns.Single(c => c.Name == Part.Inputs[0]).Values);
    }
}
