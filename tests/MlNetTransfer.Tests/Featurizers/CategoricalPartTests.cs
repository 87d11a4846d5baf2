using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Featurizers;

/// <summary>
/// The <c>categorical</c> feature part: one stock <c>OneHotEncoding</c> (indicator) per categorical column, one slot per
/// training value in ordinal order; an empty cell or a value not seen in training is all zeros.
/// </summary>
public sealed class CategoricalPartTests
{
    private static Dataset Cities(params string[] cities) =>
        new("memory", cities.Select((_, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), null,
            [new DatasetColumn("city", ColumnRole.Categorical, cities)]);

    [Fact]
    public void IsRegistered_ForTheCategoricalRole_AndHeadsStandardiseIt()
    {
        var provider = FeaturePartRegistry.Default.Get(CategoricalPartProvider.KindName);
        Assert.IsType<CategoricalPartProvider>(provider);
        Assert.Equal(ColumnRole.Categorical, provider.Role);
        Assert.True(provider.StandardizeInHead);
        Assert.Same(provider, Assert.Single(new FeaturizerOptions().Choices(ColumnRole.Categorical)).Provider);
    }

    [Fact]
    public void OneSlotPerTrainingValue_UnseenAndEmptyValuesAreAllZeros()
    {
        var ml = new MLContext(0);
        using var featurizer = FeaturePipeline.Fit(ml, Cities("Tacoma", "Seattle", "", "Seattle", "Spokane"), new FeaturizerOptions());
        var part = Assert.Single(featurizer.Parts);
        Assert.Equal(("city.onehot", "categorical", "city", "onehot"), (part.Name, part.Kind, Assert.Single(part.Inputs), part.Featurizer));
        Assert.True(featurizer.StandardizeInHead);

        var test = Cities("Tacoma", "Olympia", "", "Seattle", "seattle", "Spokane");
        var rows = featurizer.Transformer.Transform(test.ToDataView(includeLabel: false)).GetColumn<float[]>(FeaturePipeline.FeaturesColumn).ToList();
        // One slot per training value, sorted: Seattle, Spokane, Tacoma.
        float[][] expected = [[0, 0, 1], [0, 0, 0], [0, 0, 0], [1, 0, 0], [0, 0, 0], [0, 1, 0]];
        Assert.Equal(expected, rows);
        Assert.Equal(["city=Seattle", "city=Spokane", "city=Tacoma"], FeaturizeWorkflow.SlotNames(featurizer, test.InputSchema));
    }

    [Fact]
    public void TheSavedStepIsStockOneHotEncoding()
    {
        using var featurizer = FeaturePipeline.Fit(new MLContext(0), Cities("a", "b", "a", "c"), new FeaturizerOptions());
        Assert.IsType<Microsoft.ML.Transforms.OneHotEncodingTransformer>(Assert.Single(featurizer.FittedParts).Transformer);
    }
}
