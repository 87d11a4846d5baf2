namespace MlNetTransfer.Workflows;

/// <summary>One scored example: its id (path or CSV row), the predicted label and a probability per label (in the model's label order).</summary>
public sealed record Prediction(string Id, string Predicted, IReadOnlyList<float> Probabilities);
