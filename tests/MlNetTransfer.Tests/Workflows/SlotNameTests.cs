using CsCheck;
using MlNetTransfer.Workflows;
using static MlNetTransfer.Workflows.FeaturizeWorkflow;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>featurize's output column names are unique, always, by the documented rule of <see cref="FeaturizeWorkflow.UniqueNames"/>.</summary>
public sealed class SlotNameTests
{
    [Fact]
    public void TermSlots_AreAlwaysPrefixedWithTheirPart_OnePartOrMany()
    {
        Assert.Equal(["text.sklearn-count:cat", "text.sklearn-count:dog"], UniqueNames([new PartSlots("text.sklearn-count", ["cat", "dog"], Terms: true)]));
        Assert.Equal(["text.sklearn-count:cat", "text.sklearn-count:label", "numeric:path_or_row"],
            UniqueNames([new PartSlots("text.sklearn-count", ["cat", "label"], Terms: true), new PartSlots("numeric", ["path_or_row"], Terms: true)]));
    }

    [Fact]
    public void DuplicateNamesAcrossParts_GetNumberedSuffixes()
    {
        // Backbone slots "<part>_<i>" colliding with another part's prefixed term (odd column names make it possible).
        var names = UniqueNames([
            new PartSlots("a", ["a_0", "a_1"], Terms: false),
            new PartSlots("a_0", ["x"], Terms: false),
            new PartSlots("b", ["x", "x"], Terms: true),
            new PartSlots("c", ["label"], Terms: false),
        ]);
        Assert.Equal(["a_0", "a_1", "x", "b:x", "b:x~2", "label~2"], names);
    }

    [Fact]
    public void RandomNames_AreAlwaysUnique_AndNeverAFixedColumn()
    {
        var slot = Gen.Select(Gen.OneOf("a", "b", "label", "path_or_row", "a~2", "b:a", "x"), Gen.Bool, Gen.OneOf("a", "b", "b:a", "a_0"),
            (name, terms, part) => new PartSlots(part, [name, name, "x"], terms));
        var gen = slot.Array[1, 4];
        gen.Sample(parts =>
        {
            var names = UniqueNames(parts);
            Assert.Equal(parts.Sum(p => p.Names.Count), names.Count);
            Assert.Equal(names.Count, names.Distinct().Count());
            Assert.DoesNotContain("label", names);
            Assert.DoesNotContain("path_or_row", names);
        }, iter: 2000);
    }
}
