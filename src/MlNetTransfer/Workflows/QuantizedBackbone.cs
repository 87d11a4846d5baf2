namespace MlNetTransfer.Workflows;

/// <summary>One backbone a run quantized with <see cref="QuantizeOptions"/>.</summary>
/// <param name="Name">The int8 backbone's name (<c>resnet18-int8-calibrated</c>), in feature names and the featurizer record.</param>
/// <param name="From">The fp32 backbone it was made from (<c>resnet18</c>).</param>
/// <param name="Sha256">sha256 of the int8 ONNX file (lower-case hex): the embedding cache's key for it, the same for the same training images and seed.</param>
/// <param name="CalibrationImages">Images the activation ranges were calibrated on.</param>
/// <param name="TrainingExamples">Training examples they were sampled from.</param>
public sealed record QuantizedBackbone(string Name, string From, string Sha256, int CalibrationImages, int TrainingExamples);
