using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetTransfer.ClassicalVision;

/// <summary>
/// The parameter-free custom mapping of the saved chain, contract <see cref="ContractName"/>: planar RGB pixels
/// (any usable square size, read from the vector's length) to <see cref="ClassicalImageFeatures"/>. A saved model stores
/// only the contract name; ML.NET finds this factory in the MlNetTransfer assembly at load time. Changing what it
/// computes needs a new version in the name.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ClassicalImageMapping : CustomMappingFactory<ClassicalPixelsRow, ClassicalFeaturesRow>
{
    /// <summary>The versioned contract name saved in zips.</summary>
    public const string ContractName = "MlNetTransfer.ClassicalImage.v1";

    /// <summary>The computation (thread-safe: no state).</summary>
    public static void Map(ClassicalPixelsRow source, ClassicalFeaturesRow destination)
    {
        if (destination.Features is not { Length: ClassicalImageFeatures.Length }) destination.Features = new float[ClassicalImageFeatures.Length];
        ClassicalImageFeatures.Compute(source.Pixels ?? [], destination.Features);
    }

    public override Action<ClassicalPixelsRow, ClassicalFeaturesRow> GetMapping() => Map;
}

/// <summary>Input of the classical features mapping: what <c>ExtractPixels</c> wrote (a known-size vector of 3·S·S values).</summary>
internal sealed class ClassicalPixelsRow
{
    public const string Column = "MlNetTransfer.ClassicalImage.Pixels";

    [ColumnName(Column)] public float[]? Pixels;
}

/// <summary>Output of the classical features mapping: <see cref="ClassicalImageFeatures.Length"/> floats.</summary>
internal sealed class ClassicalFeaturesRow
{
    public const string Column = "MlNetTransfer.ClassicalImage.Features";

    [ColumnName(Column), VectorType(ClassicalImageFeatures.Length)] public float[] Features = new float[ClassicalImageFeatures.Length];
}
