using Microsoft.ML.Data;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What a <see cref="ModelPredictor"/> reads back from a prediction engine: the predicted label text and either the
/// <c>Score</c> vector (multiclass heads) or the <c>Probability</c> of the second label (binary FastTree); the
/// schema definition drops the member the model does not produce.
/// </summary>
internal sealed class PredictorOutput
{
    [ColumnName(ClassificationHead.PredictedLabel)]
    public string PredictedLabel = "";

    [ColumnName(ClassificationHead.Score)]
    public float[] Score = [];

    [ColumnName(ClassificationHead.Probability)]
    public float Probability;
}
