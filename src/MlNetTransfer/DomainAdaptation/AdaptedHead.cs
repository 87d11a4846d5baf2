using Microsoft.ML;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// What a domain-adaptation method made: the saved steps from the features to the head's outputs, and what it predicts
/// for the unlabeled target rows (the information-maximisation score of <c>--method auto</c> is computed from them).
/// </summary>
/// <param name="Transformer">
/// Reads the features column (<c>Features</c>, a vector of d floats: the featurizer's output) and writes the head's output
/// contract (<c>PredictedLabel</c> text, <c>Score</c>, <c>PredictedLabelKey</c>); any target-domain map comes first.
/// Stock ML.NET steps and generated ONNX graphs only.
/// </param>
/// <param name="TargetProbabilities">Per unlabeled target row, a probability per label in label order, [n_t][classes].</param>
/// <param name="Summary">One sentence for the console.</param>
/// <param name="Values">Named numbers for the metrics JSON (camelCase), in the order they are written.</param>
public sealed record AdaptedHead(ITransformer Transformer, IReadOnlyList<float[]> TargetProbabilities, string Summary, IReadOnlyList<KeyValuePair<string, double>> Values);
