using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// Builds the featurizing part of a model from a dataset's columns: for each column role (image, text, numeric,
/// categorical, series, in that order), each column through each featurizer chosen for the role (<see cref="FeaturizerOptions.Choices"/>), each
/// featurizer's <see cref="IFeaturePartProvider"/> planning and fitting its parts; all parts concatenated into
/// <see cref="FeaturesColumn"/>. Every step is stock ML.NET except versioned CustomMappings (text tokenizers).
/// </summary>
public static class FeaturePipeline
{
    /// <summary>The column a featurizer writes and a head reads.</summary>
    public const string FeaturesColumn = "Features";

    private static readonly ColumnRole[] RoleOrder = [ColumnRole.Image, ColumnRole.Text, ColumnRole.Numeric, ColumnRole.Categorical, ColumnRole.Series];

    /// <summary>
    /// The parts the features vector is made of, in order (image columns, text columns, numeric, categorical, then series); a
    /// <see cref="UserInputException"/> when a column has no featurizer or there is nothing to featurize.
    /// </summary>
    public static IReadOnlyList<FeaturePart> Plan(IReadOnlyList<DatasetColumn> columns, FeaturizerOptions options)
    {
        var parts = new List<FeaturePart>();
        foreach (var role in RoleOrder)
        {
            var roleColumns = columns.Where(c => c.Role == role).ToList();
            var names = roleColumns.Select(c => c.Name).ToList();
            if (names.Count == 0) continue;
            var choices = options.Choices(role);
            if (choices.Count == 0)
                throw new UserInputException(role == ColumnRole.Image
                    ? $"Image column '{names[0]}' needs an image backbone (--backbone {Defaults.ImageBackbone})."
                    : $"{role} column '{names[0]}' needs a {role.ToString().ToLowerInvariant()} featurizer (--{role.ToString().ToLowerInvariant()}-featurizer {(role == ColumnRole.Text ? Defaults.TextFeaturizer : "…")}).");
            // Column by column, each column's featurizers in the order given (a part reading several columns sits at its first).
            parts.AddRange(choices
                .SelectMany((choice, c) => choice.Provider.Plan(roleColumns, choice).Select(part => (part, c)))
                .OrderBy(p => names.IndexOf(p.part.Inputs[0])).ThenBy(p => p.c)
                .Select(p => p.part));
        }
        CheckPlan(columns, parts);
        if (parts.Count == 0) throw new UserInputException("There are no feature columns to featurize.");
        return parts;
    }

    /// <summary>
    /// Every feature column feeds a part, and every part writes its own column: a part named like a dataset column
    /// (a numeric column literally called <c>a.tfidf</c> beside text column <c>a</c>) would replace that column, and a
    /// featurizer given twice would repeat its block. A provider that plans nothing for a column is a bug.
    /// </summary>
    private static void CheckPlan(IReadOnlyList<DatasetColumn> columns, IReadOnlyList<FeaturePart> parts)
    {
        var unused = columns.Where(c => !parts.Any(p => p.Inputs.Contains(c.Name))).Select(c => c.Name).ToList();
        if (unused.Count > 0)
            throw new InvalidOperationException($"No feature part reads column '{unused[0]}': its featurizers planned no part for it.");
        var repeated = parts.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new UserInputException($"Feature part '{repeated.Key}' would be made twice: each featurizer may be named once per column role.");
        var shadowing = parts.FirstOrDefault(p => columns.Any(c => string.Equals(c.Name, p.Name, StringComparison.Ordinal)));
        if (shadowing is not null)
            throw new UserInputException($"Column '{shadowing.Name}' has the name of the feature part that column '{shadowing.Inputs[0]}' makes " +
                $"({shadowing.Featurizer}); rename the column in the data, or leave it out.");
    }

    /// <summary>
    /// Fits the featurizer on <paramref name="data"/>: each planned part by its provider (vocabularies and numeric
    /// statistics are learned here; backbones do not run, and their ML.NET steps are built only when first used:
    /// <see cref="DeferBackbonePart"/>), then the concatenation (built with the first use of the whole chain). Every part
    /// reads the dataset's own columns, never another part's, so each is fitted on the input view.
    /// </summary>
    public static FittedFeaturizer Fit(MLContext ml, Dataset data, FeaturizerOptions options)
    {
        var parts = Plan(data.Columns, options);
        IDataView view = data.ToDataView(includeLabel: false);
        var fitted = parts.Select(part => options.Registry.Get(part.Kind).Fit(ml, part, data, view, options)).ToList();
        var names = parts.Select(p => p.Name).ToArray();
        var standardize = parts.Select(p => p.Kind).Distinct().All(kind => options.Registry.Get(kind).StandardizeInHead);
        return new FittedFeaturizer(fitted, partsView => ml.Transforms.Concatenate(FeaturesColumn, names).Append(ml.Transforms.DropColumns(names)).Fit(partsView),
            view, data, standardize);
    }

    /// <summary>
    /// The column type of a backbone part (<see cref="ImageEmbeddingCatalog.ExtractImageEmbeddings"/>,
    /// <see cref="TextEmbeddingCatalog.ExtractTextEmbeddings"/>): a flat known-size vector of
    /// <see cref="Backbones.BackboneManifest.EmbeddingSize"/> floats, without slot names.
    /// </summary>
    public static VectorDataViewType BackboneType(Backbones.BackboneManifest backbone) =>
        new(NumberDataViewType.Single, backbone.EmbeddingSize);

    /// <summary>
    /// A backbone part whose saved-path steps (<see cref="FitBackbonePart"/>) are built on first use of its
    /// <see cref="FittedFeaturePart.Transformer"/>: ML.NET's <c>ApplyOnnxModel</c> opens an ONNX Runtime session (and keeps
    /// the parsed graph) when it is constructed, which the training path, whose engine has its own session, needs only to
    /// save a model. When built, the steps' column must be <see cref="BackboneType"/> without slot names
    /// (<see cref="InvalidOperationException"/> otherwise: the training path described it so before they existed).
    /// </summary>
    internal static FittedFeaturePart DeferBackbonePart(FeaturePart part, IDataView view, Func<IEstimator<ITransformer>> estimator)
    {
        var type = BackboneType(part.Backbone!);
        return new FittedFeaturePart(part, () =>
        {
            var transformer = FitBackbonePart(part, view, estimator);
            var column = transformer.GetOutputSchema(view.Schema)[part.Name];
            if (!column.Type.Equals(type) || column.HasSlotNames())
            {
                (transformer as IDisposable)?.Dispose();
                throw new InvalidOperationException($"Backbone part '{part.Name}' writes {column.Type}{(column.HasSlotNames() ? " with slot names" : "")}; the training path took it for {type}.");
            }
            return transformer;
        }, type);
    }

    /// <summary>
    /// Fits the saved-path steps of a backbone part. A backbone whose ONNX file does not load in ONNX Runtime, or whose
    /// tensors do not match its manifest, is a <see cref="UserInputException"/> naming the model and the manifest;
    /// any other failure is a bug and propagates unchanged.
    /// </summary>
    internal static ITransformer FitBackbonePart(FeaturePart part, IDataView view, Func<IEstimator<ITransformer>> estimator)
    {
        var backbone = part.Backbone!;
        try
        {
            BackboneSessions.Opened(backbone); // ApplyOnnxModel opens its session when the estimator is made
            return estimator().Fit(view);
        }
        catch (Exception e) when (IsOnnxLoadFailure(e))
        {
            throw DoesNotLoad(backbone, e);
        }
    }

    /// <summary>
    /// The error for a backbone file that ONNX Runtime (or ML.NET's ONNX step) refused: names the model, its manifest and
    /// the first line of the reason, and says how to see the file's tensors. Shared with the engines' own sessions.
    /// </summary>
    internal static UserInputException DoesNotLoad(Backbones.BackboneManifest backbone, Exception e)
    {
        var reason = (e.InnerException is OnnxRuntimeException inner ? inner.Message : e.Message).Split('\n')[0].Trim();
        return new UserInputException($"Backbone '{backbone.Name}': '{backbone.ModelPath}' does not load as its manifest '{backbone.ManifestPath}' describes it: {reason} " +
            $"(run 'mlnet-transfer inspect {backbone.ModelPath}' to see its tensors).", e);
    }

    /// <summary>
    /// ONNX Runtime refused the file, or ML.NET's ONNX transformer refused its tensors (an argument or state error raised
    /// inside <c>Microsoft.ML.Transforms.Onnx</c>). A NullReference or an error raised elsewhere is not.
    /// </summary>
    private static bool IsOnnxLoadFailure(Exception e) =>
        e is OnnxRuntimeException || e.InnerException is OnnxRuntimeException
        || (e is InvalidOperationException or ArgumentException && RaisedInOnnxTransformer(e));

    private static bool RaisedInOnnxTransformer(Exception e) =>
        new StackTrace(e).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Microsoft.ML.Transforms.Onnx", StringComparison.Ordinal) == true);
}
