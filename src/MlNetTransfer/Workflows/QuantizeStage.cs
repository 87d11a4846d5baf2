using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Workflows;

/// <summary>
/// The optional int8 stage of train and featurize (<see cref="QuantizeOptions"/>): a stratified, seeded sample of the
/// training examples (<see cref="StratifiedSample"/>) calibrates each image backbone's activation ranges, and the int8
/// backbone is written with its manifest to a scratch folder (<see cref="CalibratedQuantization.Write"/>). The run then
/// featurizes with those manifests in place of the fp32 backbones, so the engine, the cache (keyed by the int8 file's
/// sha256) and the saved zip treat them as any backbone. Disposing deletes the folder: keep it until the model is saved.
/// </summary>
internal sealed class QuantizeStage : IDisposable
{
    /// <summary>What a quantized backbone's name adds to the fp32 one's (<c>resnet18-int8-calibrated</c>).</summary>
    public const string NameSuffix = "-int8-calibrated";

    private readonly ScratchFolder _folder;

    private QuantizeStage(ScratchFolder folder, IReadOnlyList<string> backbones, IReadOnlyList<QuantizedBackbone> quantized)
    {
        _folder = folder;
        Backbones = backbones;
        Quantized = quantized;
    }

    /// <summary>The run's backbones: each the manifest path of its int8 version, in the order given.</summary>
    public IReadOnlyList<string> Backbones { get; }

    /// <summary>What was quantized, in the order of <see cref="Backbones"/>.</summary>
    public IReadOnlyList<QuantizedBackbone> Quantized { get; }

    /// <summary>
    /// The problems of <paramref name="quantize"/> (property <c>Quantize</c>; <see cref="QuantizeOptions.CalibrationImages"/>):
    /// a calibration size below 1; stored features (<paramref name="fromFeatures"/>: no images to calibrate on) or
    /// fine-tuning (<paramref name="unfreeze"/>: it changes the weights the ranges are calibrated for); a backbone that is
    /// already int8, or that has no quantization recipe (a text backbone, a user's ONNX file, a non-ONNX featurizer).
    /// </summary>
    public static IEnumerable<OptionProblem> Problems(QuantizeOptions? quantize, IReadOnlyList<string>? backbones, bool fromFeatures, bool unfreeze)
    {
        if (quantize is null) yield break;
        const string option = nameof(TrainOptions.Quantize);
        if (quantize.CalibrationImages < 1)
            yield return new(nameof(QuantizeOptions.CalibrationImages), $"{{0}} must be at least 1 (got {quantize.CalibrationImages})");
        if (fromFeatures)
            yield return new(option, "{0} int8 calibrates the backbone on the training images: it cannot start from stored features (give the data instead of the features)");
        if (unfreeze)
            yield return new(option, "{0} int8 cannot be combined with --unfreeze: fine-tuning changes the weights whose activation ranges the calibration measures (fine-tune, or quantize)");
        foreach (var name in backbones ?? [])
        {
            if (string.IsNullOrWhiteSpace(name)) continue; // the featurizer options' own problem
            var backbone = BackboneCatalog.Default.TryResolve(name);
            if (backbone is not null && CalibratedQuantization.IsQuantized(backbone))
                yield return new(option, $"{{0}} int8: backbone '{OptionProblem.Escape(backbone.Name)}' is already int8 (its activation ranges calibrated on other images); " +
                    $"give its fp32 backbone '{OptionProblem.Escape(backbone.Build!.Quantize!.From)}' to calibrate on your training images, or use '{OptionProblem.Escape(backbone.Name)}' without {{0}}");
            else if (backbone is null || CalibratedQuantization.RecipeOf(backbone) is null)
                yield return new(option, $"{{0}} int8 quantizes ONNX image backbones that have a quantization recipe ({OptionProblem.Escape(string.Join(", ", Quantizable()))}); " +
                    (backbone is null ? $"'{OptionProblem.Escape(name)}' is not an ONNX backbone"
                        : backbone.Kind != "image" ? $"'{OptionProblem.Escape(backbone.Name)}' is a {OptionProblem.Escape(backbone.Kind)} backbone"
                        : $"'{OptionProblem.Escape(backbone.Name)}' has none (no int8 manifest in the folder of '{OptionProblem.Escape(backbone.ManifestPath)}' names it as build.quantize.from)"));
        }
    }

    /// <summary>The names of the backbones a quantization recipe can quantize (for messages).</summary>
    private static IEnumerable<string> Quantizable() =>
        BackboneCatalog.Default.List().Where(CalibratedQuantization.IsQuantized).Select(m => m.Build!.Quantize!.From).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>
    /// Quantizes each of <paramref name="backbones"/> (checked by <see cref="Problems"/>) with ranges calibrated on the
    /// images of <see cref="QuantizeOptions.CalibrationImages"/> examples of <paramref name="train"/> (stratified by label,
    /// seeded by <paramref name="seed"/>); each backbone's last progress message says how many images calibrated it. A
    /// <see cref="UserInputException"/> when <paramref name="train"/> has no image column or no example.
    /// </summary>
    public static QuantizeStage Run(QuantizeOptions quantize, IReadOnlyList<string> backbones, Dataset train, int seed,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var columns = train.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        if (columns.Count == 0)
            throw new UserInputException($"--quantize int8 quantizes image backbones, but '{train.Source}' has no image column ({(train.Columns.Count == 0 ? "no columns" : "columns: " + string.Join(", ", train.Columns.Select(c => $"{c.Name} ({c.Role.ToString().ToLowerInvariant()})")))}).");
        if (train.Count == 0)
            throw new UserInputException($"--quantize int8 calibrates on training images, but '{train.Source}' has no training example.");
        var rows = StratifiedSample.Rows(train, quantize.CalibrationImages, seed);
        var images = rows.SelectMany(r => columns.Select(c => c.Values[r])).ToList();
        var folder = new ScratchFolder("mlnet-transfer-int8-");
        try
        {
            var paths = new List<string>();
            var quantized = new List<QuantizedBackbone>();
            foreach (var name in backbones)
            {
                cancellation.ThrowIfCancellationRequested();
                var fp32 = BackboneCatalog.Default.Resolve(name);
                var bits = CalibratedQuantization.RecipeOf(fp32)?.Build?.Quantize?.WeightBits
                    ?? throw new UserInputException($"--quantize int8: backbone '{fp32.Name}' has no quantization recipe.");
                var stage = $"Quantizing {fp32.Name} to int8";
                var sample = CalibrationSample(train, rows, images.Count, quantize.CalibrationImages, seed);
                progress?.Report(new WorkflowProgress(stage, 0, 1, $"calibrating activation ranges (min/max) on {sample}"));
                var manifest = CalibratedQuantization.Write(fp32, bits, images, folder.FullName, fp32.Name + NameSuffix,
                    $"{fp32.Name} with static int8 quantization (ONNX QDQ, opset {Int8Quantization.Opset}): int{bits} per-channel weights, uint8 activations " +
                    $"calibrated (min/max) on {sample} of '{train.Source}'.");
                quantized.Add(new QuantizedBackbone(manifest.Name, fp32.Name, manifest.Sha256!, images.Count, train.Count));
                paths.Add(manifest.ManifestPath);
                progress?.Report(new WorkflowProgress(stage, 1, 1,
                    $"{manifest.Name}: int{bits} weights, activations calibrated on {sample}; sha256 {manifest.Sha256}"));
            }
            return new QuantizeStage(folder, paths, quantized);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What the calibration images are, for the run's output: "<c>20 images: 20 of the 300 training examples (stratified by
    /// label, seed 0)</c>", saying when <paramref name="asked"/> exceeded the examples there are and which labels the sample
    /// left without an image.
    /// </summary>
    internal static string CalibrationSample(Dataset train, IReadOnlyList<int> rows, int images, int asked, int seed)
    {
        var text = $"{images} image{(images == 1 ? "" : "s")}: {rows.Count} of the {train.Count} training examples (stratified by label, seed {seed})";
        if (asked > train.Count) text += $"; --calibration-images asked for {asked}, there are only {train.Count}";
        if (train.Labels is { } labels && train.Task != LearningTask.Regression)
        {
            var all = labels.Distinct(StringComparer.Ordinal).Count();
            var sampled = rows.Select(r => labels[r]).Distinct(StringComparer.Ordinal).Count();
            if (sampled < all) text += $"; {all - sampled} of the {all} labels have no image in the sample (give --calibration-images {all} or more)";
        }
        return text;
    }

    /// <summary>Deletes the scratch folder (the int8 graphs and their manifests).</summary>
    public void Dispose() => _folder.Dispose();
}
