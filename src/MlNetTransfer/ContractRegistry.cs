using Microsoft.ML;

namespace MlNetTransfer;

/// <summary>
/// Makes this library's custom-mapping contracts (the text vectorizer's, "MlNetTransfer.Text.WordTokens.v1", and the
/// text backbones' tokenizers, "MlNetTransfer.BertTokenize.minilm.v1") known to an <see cref="MLContext"/>.
/// What loading a zip needs, per kind (each established by a test):
/// <list type="bullet">
/// <item>image backbones, numeric columns, any head: nothing of MlNetTransfer, plain ML.NET (its steps are all stock);</item>
/// <item>a text vectorizer (<c>tfidf</c>, <c>bow</c>, <c>sklearn-*</c>): the MlNetTransfer assembly loadable by the
/// application, that is, referenced by it. ML.NET records a custom mapping's assembly in the zip and loads and
/// registers it at <c>Model.Load</c>, so calling this method is not required; an application that does not
/// reference MlNetTransfer fails to load the zip ("Could not load file or assembly 'MlNetTransfer, …'");</item>
/// <item>series features (<c>stats</c>, <c>fft</c>, <c>wavelet</c>; "MlNetTransfer.Series.FeaturesOfText.v1"): the same
/// (<c>SeriesFeaturesEstimatorTests</c> reloads them in a fresh context);</item>
/// <item>classical image features (<c>classical</c>, "MlNetTransfer.ClassicalImage.v1"): the MlNetTransfer assembly, as for a
/// text vectorizer;</item>
/// <item>a text backbone (<c>minilm</c>, <c>arctic-xs</c>): the same, plus the backbone's vocabulary file
/// (<c>minilm.vocab.txt</c>, <c>arctic-xs.vocab.txt</c>) in <c>$MLNET_TRANSFER_MODELS</c>, <c>./onnx-models</c> or
/// <c>onnx-models/</c> next to the application; not the ONNX file (the zip holds the graph) nor the manifest
/// (see <see cref="Featurizers.MiniLmTokenizeFactory"/>).</item>
/// </list>
/// </summary>
public static class ContractRegistry
{
    /// <summary>
    /// Registers every contract of the MlNetTransfer assembly with <paramref name="mlContext"/> (idempotent): the explicit
    /// form of what ML.NET does by itself when it loads a zip that names this assembly.
    /// </summary>
    public static MLContext RegisterAll(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(ContractRegistry).Assembly);
        return mlContext;
    }
}
