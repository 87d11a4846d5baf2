using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetTransfer.Backbones;
using MlNetTransfer.Data;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// Builds the featurizing part of a model from a dataset's columns, all stock ML.NET steps: each image column through
/// each image backbone, each text column through ML.NET's text featurizer, numeric columns concatenated with missing
/// values replaced by the column mean; everything concatenated into <see cref="FeaturesColumn"/>.
/// </summary>
public static class FeaturePipeline
{
    /// <summary>The column a featurizer writes and a head reads.</summary>
    public const string FeaturesColumn = "Features";

    public static IEstimator<ITransformer> Create(MLContext ml, IReadOnlyList<DatasetColumn> columns,
        IReadOnlyList<BackboneManifest> imageBackbones, int? gpuDeviceId = null)
    {
        var images = columns.Where(c => c.Role == ColumnRole.Image).Select(c => c.Name).ToList();
        var texts = columns.Where(c => c.Role == ColumnRole.Text).Select(c => c.Name).ToList();
        var numerics = columns.Where(c => c.Role == ColumnRole.Numeric).Select(c => c.Name).ToList();
        if (images.Count > 0 && imageBackbones.Count == 0)
            throw new UserInputException($"Image column '{images[0]}' needs an image backbone (--backbone resnet18).");

        var parts = new List<string>();
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var image in images)
            foreach (var backbone in imageBackbones)
            {
                var part = $"{image}.{backbone.Name}";
                chain = chain.Append(ml.Transforms.ExtractImageEmbeddings(part, backbone, image, gpuDeviceId));
                parts.Add(part);
            }
        foreach (var text in texts)
        {
            var part = $"{text}.text";
            chain = chain.Append(ml.Transforms.Text.FeaturizeText(part, text));
            parts.Add(part);
        }
        if (numerics.Count > 0)
        {
            const string part = "numeric";
            chain = chain.Append(ml.Transforms.Concatenate(part, numerics.ToArray()))
                .Append(ml.Transforms.ReplaceMissingValues(part, replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean));
            parts.Add(part);
        }
        if (parts.Count == 0) throw new UserInputException("There are no feature columns to featurize.");
        return chain.Append(ml.Transforms.Concatenate(FeaturesColumn, parts.ToArray()))
            .Append(ml.Transforms.DropColumns(parts.ToArray()));
    }
}
