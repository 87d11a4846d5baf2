using Microsoft.ML.Data;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What a <see cref="ModelPredictor"/> reads back from a prediction engine: <c>PredictedLabel</c> into the field of its
/// type (text, a key, a Boolean), and either the <c>Score</c> vector (multiclass) or the <c>Probability</c> of the second
/// label (a binary classifier). The schema definition (<see cref="Definition"/>) keeps only the fields the model fills.
/// </summary>
internal sealed class PredictorOutput
{
    /// <summary><c>PredictedLabel</c> when it is text.</summary>
    [ColumnName(ClassificationHead.PredictedLabel)]
    public string PredictedLabel = "";

    /// <summary><c>PredictedLabel</c> when it is a key (1-based index into the labels; 0 is missing).</summary>
    public uint PredictedKey;

    /// <summary><c>PredictedLabel</c> when it is a Boolean (a stock binary trainer).</summary>
    public bool PredictedBoolean;

    [ColumnName(ClassificationHead.Score)]
    public float[] Score = [];

    [ColumnName(ClassificationHead.Probability)]
    public float Probability;

    /// <summary>A regression model's <c>Score</c>: the predicted number (<see cref="RegressionDefinition"/>).</summary>
    public float Value;

    /// <summary>The label this row predicts, whichever field holds it.</summary>
    public string Predicted(DataViewType predictedType, IReadOnlyList<string> labels) => predictedType switch
    {
        TextDataViewType => PredictedLabel,
        BooleanDataViewType => PredictedBoolean.ToString(),
        _ => ScoredView.KeyLabel(PredictedKey, labels),
    };

    /// <summary>
    /// The output definition for a model whose <c>PredictedLabel</c> has type <paramref name="predictedType"/> (one of
    /// those <see cref="ScoredView.OutputProblem"/> allows): that field mapped to <c>PredictedLabel</c>, plus <c>Score</c>
    /// (multiclass) or <c>Probability</c> (binary).
    /// </summary>
    public static SchemaDefinition Definition(DataViewType predictedType, bool binary)
    {
        var definition = SchemaDefinition.Create(typeof(PredictorOutput), SchemaDefinition.Direction.Write);
        var predictedField = predictedType switch
        {
            TextDataViewType => nameof(PredictedLabel),
            BooleanDataViewType => nameof(PredictedBoolean),
            _ => nameof(PredictedKey),
        };
        definition.RemoveAll(c => c.MemberName is nameof(PredictedLabel) or nameof(PredictedKey) or nameof(PredictedBoolean) && c.MemberName != predictedField
            || c.MemberName == (binary ? nameof(Score) : nameof(Probability)) || c.MemberName == nameof(Value));
        var predicted = definition.Single(c => c.MemberName == predictedField);
        predicted.ColumnName = ClassificationHead.PredictedLabel;
        predicted.ColumnType = predictedType;
        return definition;
    }

    /// <summary>The output definition for a regression model (<see cref="ModelContract.IsRegression"/>): its float <c>Score</c> read into <see cref="Value"/>.</summary>
    public static SchemaDefinition RegressionDefinition()
    {
        var definition = SchemaDefinition.Create(typeof(PredictorOutput), SchemaDefinition.Direction.Write);
        definition.RemoveAll(c => c.MemberName != nameof(Value));
        definition.Single().ColumnName = ClassificationHead.Score;
        return definition;
    }
}
