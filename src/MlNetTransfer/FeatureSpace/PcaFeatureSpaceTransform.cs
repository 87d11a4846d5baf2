using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// Exact PCA (<see cref="PrincipalComponents"/>, equal to scikit-learn's) as a feature-space step: fitted on the
/// in-memory training features, saved in the zip as stock ML.NET steps around a generated ONNX graph, so a plain ML.NET
/// app (ML.NET, its OnnxTransformer and ONNX Runtime) loads and runs it:
/// <list type="number">
/// <item><c>ApplyOnnxModel</c>: the graph of <see cref="PrincipalComponents.ToOnnx"/>, features f32[d] -> (x - mean) · Wᵀ
/// in column <see cref="ProjectionColumn"/> (ML.NET reads ONNX's [batch, k] output as <c>Vector&lt;Single, 1, k&gt;</c>);</item>
/// <item><c>Expression</c> <c>x =&gt; x</c> from it into the features column: a flat <c>Vector&lt;Single, k&gt;</c>;</item>
/// <item><c>DropColumns</c> of <see cref="ProjectionColumn"/>.</item>
/// </list>
/// Name <c>pca(32)</c> or <c>pca(0.95)</c>; the report says how many components were kept and the share of the variance
/// they explain (metrics JSON key <c>pca</c>: <c>components</c>, <c>explainedVarianceRatio</c>).
/// </summary>
/// <param name="options">How many components to keep (checked here: an <see cref="ArgumentException"/> listing <see cref="PcaOptions.Problems"/>).</param>
public sealed class PcaFeatureSpaceTransform(PcaOptions options) : IFeatureSpaceTransform
{
    /// <summary>The intermediate column the ONNX graph writes (dropped by the last step).</summary>
    public const string ProjectionColumn = "PcaProjection";

    /// <summary>The metrics JSON key of the report.</summary>
    public const string ReportKey = "pca";

    /// <summary>How many components to keep.</summary>
    public PcaOptions Options { get; } = options.Problems() is { Count: > 0 } problems
        ? throw new ArgumentException("PCA options: " + string.Join("; ", problems) + ".", nameof(options))
        : options;

    /// <inheritdoc />
    public string Name => $"pca({Options})";

    /// <summary>The last fit's model (components, variances), or null before the first fit.</summary>
    public PrincipalComponents? Model { get; private set; }

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView trainingFeatures, string featureColumn) =>
        FitWithReport(ml, trainingFeatures, featureColumn).Transformer;

    /// <summary>
    /// Reads the <paramref name="featureColumn"/> rows (a known-size float vector; an <see cref="ArgumentException"/>
    /// naming the column otherwise), fits <see cref="PrincipalComponents"/> on them (its <see cref="UserInputException"/>s:
    /// more components than min(rows, features), …) and builds the saved steps; the report gives k and the explained
    /// variance ratio.
    /// </summary>
    public FittedFeatureSpace FitWithReport(MLContext ml, IDataView trainingFeatures, string featureColumn)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(trainingFeatures);
        var column = trainingFeatures.Schema.GetColumnOrNull(featureColumn)
            ?? throw new ArgumentException($"Could not find input column '{featureColumn}'.", nameof(featureColumn));
        if (column.Type is not VectorDataViewType { Size: > 0 } type || type.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"PCA reads column '{featureColumn}' as a known-size vector of floats; it is {column.Type}.", nameof(featureColumn));
        var rows = trainingFeatures.GetColumn<VBuffer<float>>(featureColumn).Select(v => v.DenseValues().ToArray()).ToList();
        var model = PrincipalComponents.Fit(rows, Options);
        Model = model;
        return new FittedFeatureSpace(ToTransformer(ml, model, trainingFeatures, featureColumn), Report(model));
    }

    /// <summary>The saved steps of <paramref name="model"/> on <paramref name="featureColumn"/> (in place), fitted on <paramref name="input"/>'s schema (no rows are read).</summary>
    public static ITransformer ToTransformer(MLContext ml, PrincipalComponents model, IDataView input, string featureColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxFeatureStep.Build(ml, model.ToOnnx(featureColumn, ProjectionColumn), model.FeatureCount, input, featureColumn, ProjectionColumn);
    }

    private FeatureSpaceReport Report(PrincipalComponents model)
    {
        var ratio = model.ExplainedVarianceRatioSum;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"PCA kept {model.ComponentCount} of {model.FeatureCount} components, explaining {ratio * 100:F1}% of the variance (ratio {ratio:F4}).");
        return new FeatureSpaceReport(ReportKey, summary,
            [new("components", model.ComponentCount), new("explainedVarianceRatio", ratio)]);
    }
}
