using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>Catalog extensions that turn image paths into frozen-backbone embeddings with stock ML.NET steps.</summary>
public static class ImageEmbeddingCatalog
{
    /// <summary>
    /// Embeds images with a frozen backbone: <c>LoadImages -&gt; ResizeImages -&gt; ExtractPixels -&gt; ApplyOnnxModel -&gt;
    /// Expression -&gt; DropColumns</c>, all stock ML.NET steps, so a fitted pipeline saves to and loads from a zip with
    /// ML.NET alone. The output is a flat known-size vector of <see cref="BackboneManifest.EmbeddingSize"/> floats
    /// (<c>Vector&lt;Single, 512&gt;</c> for resnet18): the identity <c>Expression</c> (<c>x =&gt; x</c>) turns the ONNX
    /// output, which ML.NET types with the tensor's dimensions (<c>Vector&lt;Single, 1, 512&gt;</c>), into a 1-D vector
    /// with the same values.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column to write the embedding to.</param>
    /// <param name="backbone">The backbone's manifest (for example <c>BuiltInBackbones.ResNet18</c>).</param>
    /// <param name="inputColumnName">Text column of image file paths (absolute, or relative to the current directory); defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="gpuDeviceId">CUDA device to run the backbone on; null for CPU.</param>
    public static EstimatorChain<ColumnSelectingTransformer> ExtractImageEmbeddings(this TransformsCatalog catalog, string outputColumnName,
        BackboneManifest backbone, string? inputColumnName = null, int? gpuDeviceId = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentNullException.ThrowIfNull(backbone);
        if (backbone.Image is null) throw new ArgumentException($"Backbone '{backbone.Name}' is not an image backbone.", nameof(backbone));
        inputColumnName ??= outputColumnName;

        // Intermediate columns are named after the output column so two backbones in one pipeline never clash;
        // the ONNX step's columns must carry the tensor names, so they are copied out (flat: Concatenate and CopyColumns
        // of one vector keep its dimensions, Expression does not) and dropped.
        var loaded = $"{outputColumnName}.{backbone.Name}.image";
        var resized = $"{outputColumnName}.{backbone.Name}.resized";
        var onnxOptions = new OnnxOptions
        {
            ModelFile = backbone.ModelPath,
            InputColumns = [backbone.Input],
            OutputColumns = [backbone.Output],
            GpuDeviceId = gpuDeviceId,
            FallbackToCpu = gpuDeviceId is not null,
            ShapeDictionary = FixedInputShape(backbone),
        };
        return ImagePixels(catalog, backbone, inputColumnName, backbone.Input, loaded, resized)
            .Append(catalog.ApplyOnnxModel(onnxOptions))
            .Append(catalog.Expression(outputColumnName, "x => x", backbone.Output))
            .Append(catalog.DropColumns(loaded, resized, backbone.Input, backbone.Output));
    }

    /// <summary>
    /// The input shape to give ML.NET's <c>ApplyOnnxModel</c>, which allows one unknown dimension only: a backbone exported
    /// with dynamic height and width (torchvision's and tf2onnx's dynamic axes, <c>[N,3,H,W]</c>) gets them from its
    /// manifest (<c>[1,3,height,width]</c>, or <c>[1,height,width,3]</c> for interleaved pixels). Null when the input has
    /// no unknown dimension besides the batch (ML.NET's own handling, unchanged).
    /// </summary>
    internal static IDictionary<string, int[]>? FixedInputShape(BackboneManifest backbone)
    {
        // Reading the input's shape parses the whole graph (weights included: 64 MB for resnet18), so it is done once per
        // model file and preprocessing in a process, not on every pipeline built.
        var file = new FileInfo(backbone.ModelPath);
        return InputShapes.GetOrAdd((file.FullName, file.Length, file.LastWriteTimeUtc, backbone.Input, backbone.Image!), _ => ReadFixedInputShape(backbone));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, long, DateTime, string, ImagePreprocessing), IDictionary<string, int[]>?> InputShapes = new();

    private static IDictionary<string, int[]>? ReadFixedInputShape(BackboneManifest backbone)
    {
        var input = OnnxGraphs.Inputs(OnnxGraphs.Read(backbone.ModelPath)).FirstOrDefault(i => i.Name == backbone.Input);
        if (input is null || input.Shape.Count != 4) return null;
        var sample = input.Shape.Skip(1).Select(d => long.TryParse(d, out var n) && n > 0 ? n : -1).ToArray();
        if (sample.All(d => d > 0)) return null;
        return new Dictionary<string, int[]> { [backbone.Input] = [1, .. backbone.Image!.FillUnknownDimensions(sample).Select(d => (int)d)] };
    }

    /// <summary>
    /// The backbone's preprocessing as stock steps: image path -> <paramref name="pixelsColumn"/> (a float vector laid out as
    /// the backbone's input tensor). The saved pipeline and the batched engine both use it, so they feed identical pixels.
    /// </summary>
    internal static EstimatorChain<ImagePixelExtractingTransformer> ImagePixels(TransformsCatalog catalog, BackboneManifest backbone,
        string inputColumnName, string pixelsColumn, string loadedColumn, string resizedColumn)
    {
        var image = backbone.Image ?? throw new ArgumentException($"Backbone '{backbone.Name}' is not an image backbone.", nameof(backbone));
        return catalog.LoadImages(loadedColumn, imageFolder: null, inputColumnName)
            .Append(catalog.ResizeImages(resizedColumn, image.Width, image.Height, loadedColumn, ResizingKindOf(image.Resizing)))
            .Append(catalog.ExtractPixels(pixelsColumn, resizedColumn,
                orderOfExtraction: image.ChannelOrder == "bgr" ? ImagePixelExtractingEstimator.ColorsOrder.ABGR : ImagePixelExtractingEstimator.ColorsOrder.ARGB,
                interleavePixelColors: image.Interleaved, offsetImage: image.Offset, scaleImage: image.Scale));
    }

    private static ImageResizingEstimator.ResizingKind ResizingKindOf(string resizing) => resizing switch
    {
        "isoPad" => ImageResizingEstimator.ResizingKind.IsoPad,
        "fill" => ImageResizingEstimator.ResizingKind.Fill,
        _ => ImageResizingEstimator.ResizingKind.IsoCrop,
    };
}
