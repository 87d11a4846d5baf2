using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Heads;

/// <summary>
/// The <c>mlp</c> head as an ML.NET multiclass trainer, for any pipeline with a known-size float vector feature column:
/// <c>ml.MulticlassClassification.Trainers.Mlp(ml)</c>, a drop-in for ML.NET's own multiclass trainers. With a key
/// label (<c>MapValueToKey("Label")</c> first, as they need) it adds what they add: <c>Score</c>, a flat vector of one
/// probability per key value in key order (<c>Vector&lt;Single, k&gt;</c> for a key of k values), and
/// <c>PredictedLabel</c>, a key of the label's key type with the label's key values, so
/// <c>MapKeyToValue("PredictedLabel")</c> gives the label's value and <c>ml.MulticlassClassification.Evaluate</c> reads
/// the output. With a text label it adds the output contract of <see cref="ClassificationHead"/> instead:
/// <c>Score</c> (one probability per label, labels sorted ordinally), <c>PredictedLabel</c> as text and
/// <c>PredictedLabelKey</c>. Fitting trains an <see cref="MlpModel"/> and returns the stock chain of <see cref="MlpHead"/>.
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
    /// Trains the MLP on <paramref name="input"/> (a known-size float vector features column and a key or text label
    /// column) and returns the stock ML.NET chain of <see cref="MlpHead"/>. With a key label, class i is key value i + 1
    /// and rows whose key is missing are skipped. A missing label column, a label that is neither a key nor text, or a
    /// features column that is not a known-size float vector is an <see cref="ArgumentOutOfRangeException"/> naming it.
    /// </summary>
    public ITransformer Fit(IDataView input)
    {
        var labelColumn = input.Schema.GetColumnOrNull(_label)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"Could not find label column '{_label}'");
        if (input.Schema.GetColumnOrNull(_features) is not { Type: VectorDataViewType { IsKnownSize: true, ItemType: var item } } || item != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(input), $"Feature column '{_features}' must be a known-size vector of Single.");
        if (labelColumn.Type is KeyDataViewType)
            return MlpHead.FitKeyed(_ml, input, _features, _label, _options);
        if (labelColumn.Type is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(input), $"Label column '{_label}' must be a key or text, not {labelColumn.Type}.");
        var labels = input.GetColumn<ReadOnlyMemory<char>>(_label).Select(v => v.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
        var data = _ml.Transforms.CopyColumns(LabelText, _label).Fit(input).Transform(input);
        return MlpHead.Fit(_ml, data, labels, _features, LabelText, _options);
    }

    /// <summary>
    /// The output shape, computed by an equivalent stock chain so that schema errors read exactly as ML.NET's own: with a
    /// key label, a multiclass trainer's (<c>Score</c>, <c>PredictedLabel</c> a key with the label's key values); with a
    /// text label, <c>Score</c>, <c>PredictedLabel</c> as text and <c>PredictedLabelKey</c>.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (inputSchema.Any(c => c.Name == _label && c.IsKey))
            return _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(_label, _features).GetOutputSchema(inputSchema);
        return _ml.Transforms.Conversion.MapValueToKey(LabelText, _label)
            .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelText, _features))
            .Append(_ml.Transforms.CopyColumns(ClassificationHead.PredictedLabelKey, ClassificationHead.PredictedLabel))
            .Append(_ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel))
            .Append(_ml.Transforms.DropColumns(LabelText))
            .GetOutputSchema(inputSchema);
    }
}
