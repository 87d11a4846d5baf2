using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetTransfer.Backbones;
using MlNetTransfer.Data;
using MlNetTransfer.Text;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// Builds the featurizing part of a model from a dataset's columns: each image column through each image backbone,
/// each text column through each text featurizer (vocabulary-based or a text backbone), the numeric columns together
/// (missing values replaced by the column mean, then standardised); all parts concatenated into
/// <see cref="FeaturesColumn"/>. Every step is stock ML.NET except the text tokenizers (versioned CustomMappings).
/// </summary>
public static class FeaturePipeline
{
    /// <summary>The column a featurizer writes and a head reads.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>The parts the features vector is made of, in order (image columns, text columns, then numeric).</summary>
    public static IReadOnlyList<FeaturePart> Plan(IReadOnlyList<DatasetColumn> columns, FeaturizerOptions options)
    {
        var images = columns.Where(c => c.Role == ColumnRole.Image).Select(c => c.Name).ToList();
        var texts = columns.Where(c => c.Role == ColumnRole.Text).Select(c => c.Name).ToList();
        var numerics = columns.Where(c => c.Role == ColumnRole.Numeric).Select(c => c.Name).ToList();
        if (images.Count > 0 && options.ImageBackbones.Count == 0)
            throw new UserInputException($"Image column '{images[0]}' needs an image backbone (--backbone resnet18).");
        if (texts.Count > 0 && options.TextFeaturizers.Count == 0)
            throw new UserInputException($"Text column '{texts[0]}' needs a text featurizer (--text-featurizer tfidf).");

        var parts = new List<FeaturePart>();
        foreach (var image in images)
            foreach (var backbone in options.ImageBackbones)
            {
                if (backbone.Image is null)
                    throw new UserInputException($"Backbone '{backbone.Name}' is a {backbone.Kind} backbone; image column '{image}' needs an image backbone.");
                parts.Add(new FeaturePart($"{image}.{backbone.Name}", FeaturePartKind.ImageBackbone, [image], backbone.Name, backbone));
            }
        var textFeaturizers = options.TextFeaturizers.Select(TextFeaturizer.Resolve).ToList();
        foreach (var text in texts)
            foreach (var featurizer in textFeaturizers)
                parts.Add(new FeaturePart($"{text}.{featurizer.Name}", featurizer.Kind, [text], featurizer.Name, featurizer.Backbone));
        if (numerics.Count > 0)
            parts.Add(new FeaturePart("numeric", FeaturePartKind.Numeric, numerics, "numeric"));
        if (parts.Count == 0) throw new UserInputException("There are no feature columns to featurize.");
        return parts;
    }

    /// <summary>
    /// Fits the featurizer on <paramref name="data"/>; vocabularies and the numeric statistics are learned here, backbones
    /// do not run. Vocabulary parts are fitted as <see cref="TextVectorizerModel"/>s, kept by the result so the training
    /// path computes their rows directly (equal to the saved steps, tested).
    /// </summary>
    public static FittedFeaturizer Fit(MLContext ml, Dataset data, FeaturizerOptions options)
    {
        var parts = Plan(data.Columns, options);
        IDataView view = data.ToDataView(includeLabel: false);
        var steps = new List<ITransformer>();
        var vectorizers = new Dictionary<string, TextVectorizerModel>();
        foreach (var part in parts)
        {
            ITransformer step;
            if (part.Kind == FeaturePartKind.TextVectorizer)
            {
                var texts = data.Columns.Single(c => c.Name == part.Inputs[0]).Values;
                var model = TextVectorizerModel.Fit(texts, TextFeaturizers.Parse(part.Featurizer));
                vectorizers[part.Name] = model;
                step = model.ToTransformer(ml, part.Name, part.Inputs[0]);
            }
            else step = FitPart(ml, part, options, view);
            steps.Add(step);
            view = step.Transform(view);
        }
        var partsTransformer = new TransformerChain<ITransformer>(steps.ToArray());
        var concatenation = Concatenation(ml, parts).Fit(view);
        return new FittedFeaturizer(parts, partsTransformer, concatenation, data, vectorizers);
    }

    /// <summary>Fits one part; a backbone whose ONNX file does not load, or does not match its manifest, is a user error naming both.</summary>
    private static ITransformer FitPart(MLContext ml, FeaturePart part, FeaturizerOptions options, IDataView view)
    {
        try
        {
            return new EstimatorChain<ITransformer>().Append(PartEstimator(ml, part, options)).Fit(view);
        }
        catch (Exception e) when (part.Backbone is { } backbone && e is InvalidOperationException or ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            var reason = (e.InnerException is Microsoft.ML.OnnxRuntime.OnnxRuntimeException inner ? inner.Message : e.Message).Split('\n')[0].Trim();
            throw new UserInputException($"Backbone '{backbone.Name}': '{backbone.ModelPath}' does not load as its manifest '{backbone.ManifestPath}' describes it: {reason} " +
                $"(run 'mlnet-transfer inspect {backbone.ModelPath}' to see its tensors).", e);
        }
    }

    private static IEstimator<ITransformer> PartEstimator(MLContext ml, FeaturePart part, FeaturizerOptions options) => part.Kind switch
    {
        FeaturePartKind.ImageBackbone => ml.Transforms.ExtractImageEmbeddings(part.Name, part.Backbone!, part.Inputs[0], options.GpuDeviceId),
        FeaturePartKind.Numeric => ml.Transforms.Concatenate(part.Name, part.Inputs.ToArray())
            .Append(ml.Transforms.ReplaceMissingValues(part.Name, replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.NormalizeMeanVariance(part.Name)),
        _ => TextFeaturizer.Estimator(ml, part, options.GpuDeviceId),
    };

    private static EstimatorChain<ColumnSelectingTransformer> Concatenation(MLContext ml, IReadOnlyList<FeaturePart> parts)
    {
        var names = parts.Select(p => p.Name).ToArray();
        return ml.Transforms.Concatenate(FeaturesColumn, names).Append(ml.Transforms.DropColumns(names));
    }
}
