using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Image;

namespace MlNetTransfer.ClassicalVision;

/// <summary>Catalog extensions that turn image paths into classical (hand-crafted, no ONNX) image features.</summary>
public static class ClassicalImageCatalog
{
    /// <summary>
    /// Classical image features (<see cref="ClassicalImageFeatures"/>: colour histogram, Sobel edge magnitude and
    /// orientation histograms, uniform LBP histograms, HOG) of each image: <c>LoadImages -&gt; ResizeImages(S x S, Fill) -&gt;
    /// ExtractPixels -&gt; CustomMapping("MlNetTransfer.ClassicalImage.v1") -&gt; CopyColumns -&gt; DropColumns</c>. The
    /// image is stretched to S x S (the whole picture kept, the aspect ratio not), its pixels read as planar RGB 0..255.
    /// The output is a <c>Vector&lt;Single, 1868&gt;</c> of values in [0, 1] whatever S is. Nothing is learned (fitting reads
    /// no row). A saved model holds the contract name only, so loading it needs the MlNetTransfer assembly in the
    /// application (ML.NET registers it from the zip; <see cref="ContractRegistry.RegisterAll"/> is the explicit form).
    /// A corrupt image throws inside the cursor; screen images first (<c>ScreenImages</c>). EXIF orientation is not applied
    /// by <c>LoadImages</c>: feed upright images (<c>Datasets.ImageOrientation</c>).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column to write the features to.</param>
    /// <param name="inputColumnName">Text column of image file paths (absolute, or relative to the current directory); defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="imageSize">S, the side the image is resized to: a multiple of 8 from 16 to 512. Default 64 (HOG cells of 8 x 8 pixels).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not usable.</exception>
    public static EstimatorChain<ColumnSelectingTransformer> ExtractClassicalImageFeatures(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, int imageSize = ClassicalImageFeatures.DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        if (ClassicalImageFeatures.SizeProblem(imageSize) is { } problem) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, problem);
        inputColumnName ??= outputColumnName;
        // Intermediate columns are named after the output column so two image columns in one pipeline never clash; the
        // mapping's own columns have fixed names, so they are copied out and dropped at once.
        var loaded = $"{outputColumnName}.classical.image";
        var resized = $"{outputColumnName}.classical.resized";
        return catalog.LoadImages(loaded, imageFolder: null, inputColumnName)
            .Append(catalog.ResizeImages(resized, imageSize, imageSize, loaded, ImageResizingEstimator.ResizingKind.Fill))
            .Append(catalog.ExtractPixels(ClassicalPixelsRow.Column, resized))
            .Append(catalog.CustomMapping<ClassicalPixelsRow, ClassicalFeaturesRow>(ClassicalImageMapping.Map, ClassicalImageMapping.ContractName))
            .Append(catalog.CopyColumns(outputColumnName, ClassicalFeaturesRow.Column))
            .Append(catalog.DropColumns(loaded, resized, ClassicalPixelsRow.Column, ClassicalFeaturesRow.Column));
    }
}
