using System.Text.Json;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Engine;

/// <summary>
/// Static int8 quantization of an fp32 image backbone with activation ranges calibrated on given images: ONNX Runtime's
/// "MinMax" calibration (<see cref="ActivationCalibration"/>) of every tensor <see cref="Int8Quantization.CalibrationTensors"/>
/// names, then the QDQ graph written by <see cref="Int8Quantization.WriteQuantized"/>, the function the build uses for the
/// built-in <c>resnet18-int8</c> (https://onnxruntime.ai/docs/performance/model-optimizations/quantization.html). Which
/// backbones can be quantized, and with how many weight bits, is said by a built-in int8 manifest next to the fp32 one
/// whose build recipe quantizes it (<c>onnx-models/resnet18-int8.json</c>: <c>"build": { "quantize": { "from": "resnet18",
/// "weightBits": 7 } }</c>); its recorded ranges are not used here.
/// </summary>
public static class CalibratedQuantization
{
    /// <summary>
    /// The int8 manifest in <paramref name="fp32"/>'s models folder whose build recipe quantizes it (its weight bits are the
    /// ones <see cref="Write"/> uses), or null when there is none (a text backbone, a user's ONNX file, an int8 backbone).
    /// Reads the manifests of that folder.
    /// </summary>
    public static BackboneManifest? RecipeOf(BackboneManifest fp32)
    {
        var folder = Path.GetDirectoryName(fp32.ManifestPath);
        if (fp32.Kind != "image" || folder is null || !Directory.Exists(folder)) return null;
        return Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(BackboneManifest.Load)
            .FirstOrDefault(m => string.Equals(m.Build?.Quantize?.From, fp32.Name, StringComparison.Ordinal));
    }

    /// <summary>Whether <paramref name="backbone"/> is itself an int8 backbone made by a quantization recipe (<c>resnet18-int8</c>).</summary>
    public static bool IsQuantized(BackboneManifest backbone) => backbone.Build?.Quantize is not null;

    /// <summary>
    /// The calibrated [min, max] of every tensor <see cref="Int8Quantization.CalibrationTensors"/> names for
    /// <paramref name="fp32"/>, over <paramref name="images"/> (<see cref="ActivationCalibration.Calibrate"/>: the pixels
    /// through the saved zip's own ML.NET steps). Min and max do not depend on the images' order or batching.
    /// </summary>
    /// <exception cref="UserInputException">No image, an unreadable image (named), or a graph operator the quantizer does not know.</exception>
    public static IReadOnlyDictionary<string, TensorRange> Calibrate(BackboneManifest fp32, IReadOnlyList<string> images, int? intraOpThreads = null)
    {
        var tensors = Int8Quantization.CalibrationTensors(OnnxGraphs.Read(fp32.ModelPath));
        return ActivationCalibration.Calibrate(fp32, tensors, images, intraOpThreads: intraOpThreads);
    }

    /// <summary>
    /// Calibrates <paramref name="fp32"/> on <paramref name="images"/>, quantizes it with <paramref name="weightBits"/>-bit
    /// weights and writes <c>&lt;folder&gt;/&lt;name&gt;.onnx</c> and its manifest <c>&lt;name&gt;.json</c> (the fp32 one's
    /// tensors and preprocessing, the file's sha256; no fine-tuning cut points, no build recipe). Returns the manifest, a
    /// <c>--backbone</c> value by its <see cref="BackboneManifest.ManifestPath"/>. The same fp32 file, images and bits give
    /// the same bytes on one machine (ONNX Runtime's float sums may differ between CPU kinds, and with them a range's last bit).
    /// </summary>
    /// <param name="fp32">An fp32 image backbone the quantizer handles (see <see cref="RecipeOf"/>).</param>
    /// <param name="weightBits">7 or 8 (<see cref="Int8QuantizationOptions.WeightBits"/>).</param>
    /// <param name="images">Calibration images, at least one.</param>
    /// <param name="folder">Existing folder the two files are written to.</param>
    /// <param name="name">The quantized backbone's name (file names and feature names).</param>
    /// <param name="description">The manifest's description (what it was calibrated on).</param>
    /// <param name="intraOpThreads">ONNX Runtime threads of the calibration run; default the number of cores.</param>
    /// <exception cref="UserInputException">As <see cref="Calibrate"/> and <see cref="Int8Quantization.WriteQuantized"/>.</exception>
    public static BackboneManifest Write(BackboneManifest fp32, int weightBits, IReadOnlyList<string> images, string folder, string name,
        string description, int? intraOpThreads = null)
    {
        var ranges = Calibrate(fp32, images, intraOpThreads);
        var file = name + ".onnx";
        var sha256 = Int8Quantization.WriteQuantized(fp32, new Int8QuantizationOptions { Ranges = ranges, WeightBits = weightBits }, Path.Combine(folder, file));
        var manifestPath = Path.GetFullPath(Path.Combine(folder, name + ".json"));
        var manifest = fp32 with
        {
            Name = name, File = file, Sha256 = sha256, Description = description, FineTuning = null, Build = null, ManifestPath = manifestPath,
        };
        AtomicFile.WriteText(manifestPath, JsonSerializer.Serialize(manifest, JsonDefaults.Options) + "\n");
        return manifest;
    }
}
