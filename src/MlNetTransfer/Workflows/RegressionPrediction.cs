namespace MlNetTransfer.Workflows;

/// <summary>One example scored by a regression model: its id (path or CSV row) and the predicted number, in the label's units.</summary>
/// <param name="Id">The example's id: an image path, or a CSV row number.</param>
/// <param name="Value">The model's <c>Score</c>: the predicted number.</param>
public sealed record RegressionPrediction(string Id, float Value);
