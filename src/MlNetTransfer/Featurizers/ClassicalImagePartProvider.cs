using System.Globalization;
using Microsoft.ML;
using MlNetTransfer.ClassicalVision;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>classical-image</c>: each image column through the classical features (<see cref="ClassicalImageFeatures"/>: colour
/// histogram, Sobel edge histograms, uniform LBP histograms, HOG; no ONNX), one dense part of 1,868 values per column,
/// named <c>&lt;column&gt;.classical</c>. Names: <c>classical</c> (the image resized to 64 x 64) or
/// <c>classical-&lt;S&gt;</c> (S x S, S a multiple of 8 from 16 to 512, e.g. <c>classical-128</c>). The CLI's
/// <c>--backbone classical</c> reaches it (after the ONNX backbones in the features vector). Saved steps:
/// <see cref="ClassicalImageCatalog.ExtractClassicalImageFeatures"/> (stock image steps + one versioned CustomMapping);
/// the training path reads the part from those steps (about 1 ms per image, no cache needed).
/// </summary>
public sealed class ClassicalImagePartProvider : IFeaturePartProvider
{
    /// <summary>The featurizer name for the default size (64 x 64).</summary>
    public const string Name = "classical";

    /// <summary>The kind's registry name.</summary>
    public const string KindName = "classical-image";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public ColumnRole Role => ColumnRole.Image;

    /// <inheritdoc />
    public bool StandardizeInHead => true;

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames => [Name, $"{Name}-<size>"];

    /// <summary>
    /// <c>classical</c> or <c>classical-&lt;S&gt;</c> (any case); null for other names. <c>classical-&lt;S&gt;</c> with an unusable
    /// S is a <see cref="UserInputException"/> naming it.
    /// </summary>
    public FeaturizerChoice? TryResolve(string name)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        if (trimmed == Name) return new FeaturizerChoice(Name, this);
        if (!trimmed.StartsWith(Name + "-", StringComparison.Ordinal)) return null;
        var sizeText = trimmed[(Name.Length + 1)..];
        if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new UserInputException($"Image featurizer '{name}': '{sizeText}' is not a size; write classical-<size>, e.g. classical-128 (plain 'classical' is 64x64).");
        if (ClassicalImageFeatures.SizeProblem(size) is { } problem)
            throw new UserInputException($"Image featurizer '{name}': {problem}.");
        return new FeaturizerChoice(size == ClassicalImageFeatures.DefaultSize ? Name : $"{Name}-{size}", this);
    }

    /// <summary>The image side a choice of this kind resizes to (64 for <c>classical</c>).</summary>
    public static int SizeOf(string featurizer) =>
        featurizer == Name ? ClassicalImageFeatures.DefaultSize : int.Parse(featurizer[(Name.Length + 1)..], CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
        columns.Select(image => new FeaturePart($"{image}.{choice.Name}", Kind, [image], choice.Name)).ToList();

    /// <inheritdoc />
    public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options) =>
        new(part, ml.Transforms.ExtractClassicalImageFeatures(part.Name, part.Inputs[0], SizeOf(part.Featurizer)).Fit(view));
}
