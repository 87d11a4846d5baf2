using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Heads;

/// <summary>
/// The <c>mlp</c> head as an ML.NET estimator, for any pipeline with a known-size float vector feature column and a text
/// or key label column: <c>ml.MulticlassClassification.Trainers.Mlp(ml)</c>. Fitting trains an <see cref="MlpModel"/> and
/// returns the stock chain of <see cref="MlpHead"/> (outputs <c>Score</c>, <c>PredictedLabel</c> as text,
/// <c>PredictedLabelKey</c>). Labels are ordered ordinally (text) or by key value (key).
/// </summary>
public sealed class MlpEstimator : IEstimator<ITransformer>
{
    private const string LabelText = "mlp.label";
    private readonly MLContext _ml;
    private readonly string _label;
    private readonly string _features;
    private readonly MlpOptions _options;

    /// <remarks>The head's steps are fitted in <paramref name="mlContext"/>, the caller's context; the network is seeded by <see cref="MlpOptions.Seed"/>.</remarks>
    internal MlpEstimator(MLContext mlContext, string labelColumnName, string featureColumnName, MlpOptions options)
    {
        _ml = mlContext;
        _label = labelColumnName;
        _features = featureColumnName;
        _options = options;
    }

    /// <summary>
    /// Trains the MLP on <paramref name="input"/> (a known-size float vector features column and a text
    /// or key label column) and returns the stock ML.NET chain of <see cref="MlpHead"/>. A missing label column or a
    /// features column that is not a known-size float vector is an <see cref="ArgumentOutOfRangeException"/> naming it.
    /// </summary>
    public ITransformer Fit(IDataView input)
    {
        var labelColumn = input.Schema.GetColumnOrNull(_label)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"Could not find label column '{_label}'");
        if (input.Schema.GetColumnOrNull(_features) is not { Type: VectorDataViewType { IsKnownSize: true, ItemType: NumberDataViewType } })
            throw new ArgumentOutOfRangeException(nameof(input), $"Feature column '{_features}' must be a known-size vector of Single.");
        IDataView data = input;
        IReadOnlyList<string> labels;
        if (labelColumn.Type is KeyDataViewType)
        {
            var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
            labelColumn.GetKeyValues(ref keyValues);
            labels = keyValues.DenseValues().Select(v => v.ToString()).ToList();
            data = _ml.Transforms.Conversion.MapKeyToValue(LabelText, _label).Fit(input).Transform(input);
        }
        else if (labelColumn.Type is TextDataViewType)
        {
            labels = input.GetColumn<ReadOnlyMemory<char>>(_label).Select(v => v.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
            data = _ml.Transforms.CopyColumns(LabelText, _label).Fit(input).Transform(input);
        }
        else throw new ArgumentOutOfRangeException(nameof(input), $"Label column '{_label}' must be text or a key, not {labelColumn.Type}.");
        return MlpHead.Fit(_ml, data, labels, _features, LabelText, _options);
    }

    /// <summary>
    /// The output shape: the columns of an ML.NET multiclass trainer (Score, PredictedLabel) plus PredictedLabelKey.
    /// It is computed by the equivalent stock chain so that schema errors read exactly as ML.NET's own.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        _ml.Transforms.Conversion.MapValueToKey(LabelText, _label)
            .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelText, _features))
            .Append(_ml.Transforms.CopyColumns(ClassificationHead.PredictedLabelKey, ClassificationHead.PredictedLabel))
            .Append(_ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel))
            .Append(_ml.Transforms.DropColumns(LabelText))
            .GetOutputSchema(inputSchema);
}
