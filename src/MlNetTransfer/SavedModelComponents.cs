using Microsoft.ML;

namespace MlNetTransfer;

/// <summary>
/// What an application needs before <c>mlContext.Model.Load</c> on a zip whose pipeline embeds text with a text backbone
/// (<c>ExtractTextEmbeddings</c>): its WordPiece tokenization is a CustomMapping, saved by contract name only, so the
/// MlNetTransfer assembly must be referenced and registered, and the backbone's vocabulary must be findable
/// (<c>onnx-models/</c> next to the application, <c>./onnx-models</c> or <c>$MLNET_TRANSFER_MODELS</c>). Image-only
/// zips need none of this.
/// </summary>
public static class SavedModelComponents
{
    /// <summary>Registers MlNetTransfer's saved-model components (the tokenization contracts) with <paramref name="mlContext"/>; call it before <c>Model.Load</c>.</summary>
    public static MLContext Register(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(SavedModelComponents).Assembly);
        return mlContext;
    }
}
