using Microsoft.ML;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// One kind of feature part (an image backbone, a text vectorizer, a text backbone, the numeric columns…): how its
/// parts are planned from a dataset's columns, how a part is fitted into saved-path steps, and whether heads should
/// standardise it. Registered in a <see cref="FeaturePartRegistry"/>; <see cref="FeaturePipeline"/> only iterates
/// providers. A new kind of features is one class implementing this and one registration (ARCHITECTURE.md walks through one).
/// The training path computes a fitted part's rows in one of three ways (<c>Engine/FeatureMaterializer</c>): a part with
/// a <see cref="FeaturePart.Backbone"/> through the run's batched, cached backbone engines; a fitted part implementing
/// <see cref="IDirectFeatureRows"/> directly; any other by reading the part's column from its saved-path steps.
/// </summary>
public interface IFeaturePartProvider
{
    /// <summary>The kind's registry name, also <see cref="FeaturePart.Kind"/> (e.g. <c>image-backbone</c>).</summary>
    string Kind { get; }

    /// <summary>The column role whose columns this kind featurizes.</summary>
    ColumnRole Role { get; }

    /// <summary>
    /// Whether heads that standardise (lr, mlp) should standardise features made of this kind's parts: true for dense
    /// embeddings and numbers, false for sparse L2-normalised bag-of-words / tf-idf rows (standardising rare terms blows them up).
    /// </summary>
    bool StandardizeInHead { get; }

    /// <summary>The names this kind answers to, for error messages and help (may be empty for open-ended kinds).</summary>
    IReadOnlyList<string> KnownNames { get; }

    /// <summary>
    /// Resolves a featurizer name (as given with <c>TextFeaturizers</c>, say) to a choice of this kind, or null when the
    /// name is not this kind's. A name this kind claims but cannot use (an image backbone given for text) is a
    /// <see cref="UserInputException"/> naming it.
    /// </summary>
    FeaturizerChoice? TryResolve(string name);

    /// <summary>The parts <paramref name="choice"/> makes from the dataset's <paramref name="columns"/> of <see cref="Role"/>, in order.</summary>
    IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice);

    /// <summary>
    /// The parts <paramref name="choice"/> makes from the dataset's <paramref name="columns"/> of <see cref="Role"/> (what
    /// <see cref="FeaturePipeline"/> calls). By default the names' plan; a kind whose parts depend on more than the
    /// names (the series groups of <see cref="DatasetColumn.Group"/>) overrides it.
    /// </summary>
    IReadOnlyList<FeaturePart> Plan(IReadOnlyList<DatasetColumn> columns, FeaturizerChoice choice) => Plan(columns.Select(c => c.Name).ToList(), choice);

    /// <summary>
    /// Fits one part on the training data. <paramref name="view"/> is the dataset's view (no label) with the earlier parts'
    /// columns added; the result's steps read the part's <see cref="FeaturePart.Inputs"/> and write <see cref="FeaturePart.Name"/>
    /// as a known-size float vector. Backbones do not run here.
    /// </summary>
    FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options);
}
