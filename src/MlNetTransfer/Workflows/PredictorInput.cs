namespace MlNetTransfer.Workflows;

/// <summary>
/// The one input column of a single-input model as a <see cref="ModelPredictor"/> feeds it to a prediction engine
/// (the column name is set by the schema definition: <c>ImagePath</c> or the text column's name).
/// </summary>
internal sealed class PredictorInput
{
    /// <summary>An image path (full) or the text itself.</summary>
    public string Value = "";
}
