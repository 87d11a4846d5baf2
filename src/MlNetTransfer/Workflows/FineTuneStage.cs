using System.Text.Json;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.FineTuning;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Train's optional fine-tuning stage (<see cref="TrainOptions.Unfreeze"/>): the trunk's cut activations (cached), the
/// stage trained with a warm-up MLP head (<see cref="StageFineTuner"/>), and the fine-tuned backbone written with a
/// manifest to a scratch folder. The run then featurizes with that backbone as with any other (so the saved zip holds the
/// fine-tuned graph in its <c>ApplyOnnxModel</c> step) and fits its head on the fine-tuned embeddings. Disposing deletes
/// the folder: keep it until the model is saved.
/// </summary>
internal sealed class FineTuneStage : IDisposable
{
    private readonly ScratchFolder _folder;

    private FineTuneStage(ScratchFolder folder, string manifestPath, FineTuneResult result)
    {
        _folder = folder;
        ManifestPath = manifestPath;
        Result = result;
    }

    /// <summary>The fine-tuned backbone's manifest (a <c>--backbone</c> value).</summary>
    public string ManifestPath { get; }

    /// <summary>What fine-tuning produced.</summary>
    public FineTuneResult Result { get; }

    /// <summary>The problems of <see cref="TrainOptions.Unfreeze"/>, <see cref="TrainOptions.BackboneLearningRate"/> and <see cref="TrainOptions.UnfreezeEpochs"/>: wrong values, or options they do not combine with.</summary>
    public static IEnumerable<OptionProblem> Problems(TrainOptions options)
    {
        if (options.BackboneLearningRate is { } rate && !(rate > 0 && float.IsFinite(rate)))
            yield return new(nameof(TrainOptions.BackboneLearningRate), $"{{0}} must be a positive number (got {rate})");
        if (options.UnfreezeEpochs <= 0) yield return new(nameof(TrainOptions.UnfreezeEpochs), $"{{0}} must be positive (got {options.UnfreezeEpochs})");
        if (!Enum.IsDefined(options.Unfreeze)) yield return new(nameof(TrainOptions.Unfreeze), $"{{0}} must be none, last-block or last-stage (got {(int)options.Unfreeze})");
        if (options.Unfreeze == UnfreezeDepth.None)
        {
            if (options.BackboneLearningRate is not null) yield return new(nameof(TrainOptions.BackboneLearningRate), "{0} is only used with unfreeze last-block or last-stage");
            yield break;
        }
        if ((options.Features ?? []).Count > 0)
            yield return new(nameof(TrainOptions.Unfreeze), "{0} trains the backbone on the images themselves: it cannot start from stored features (give the data instead of the features)");
        if (options.Search is not null || options.Trainer is not MultilayerPerceptronHead)
            yield return new(nameof(TrainOptions.Unfreeze), $"{{0}} trains the backbone with an MLP head: it needs --trainer mlp (the trainer is '{OptionProblem.Escape(options.Search is null ? options.Trainer?.Name : "auto")}')");
        if (options.Backbones is not { Count: 1 })
        {
            yield return new(nameof(TrainOptions.Unfreeze), $"{{0}} fine-tunes one image backbone (got {options.Backbones?.Count ?? 0})");
            yield break;
        }
        var backbone = BackboneCatalog.Default.TryResolve(options.Backbones[0]);
        if (backbone is null || backbone.Image is null)
            yield return new(nameof(TrainOptions.Unfreeze), $"{{0}} needs an ONNX image backbone whose manifest has a \"fineTuning\" section (got '{OptionProblem.Escape(options.Backbones[0])}')");
        else if (backbone.FineTuning is null || (options.Unfreeze == UnfreezeDepth.LastBlock ? backbone.FineTuning.LastBlock : backbone.FineTuning.LastStage) is null)
            yield return new(nameof(TrainOptions.Unfreeze), $"{{0}}: backbone '{OptionProblem.Escape(backbone.Name)}' has no {(options.Unfreeze == UnfreezeDepth.LastBlock ? "lastBlock" : "lastStage")} cut point in its manifest's \"fineTuning\" section");
    }

    /// <summary>
    /// Runs the stage on the training set: exactly one image column and a classification task, else a
    /// <see cref="UserInputException"/>. The trunk's activations go through <see cref="TrainOptions.CacheDir"/>'s cache.
    /// </summary>
    public static FineTuneStage Run(TrainOptions options, Dataset train, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        if (train.Task != LearningTask.Classification || train.Labels is null)
            throw new UserInputException($"--unfreeze trains a classification head; the task of '{train.Source}' is {train.Task.ToString().ToLowerInvariant()}.");
        var images = train.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        if (images.Count != 1)
            throw new UserInputException(images.Count == 0
                ? $"--unfreeze fine-tunes an image backbone; '{train.Source}' has no image column."
                : $"--unfreeze fine-tunes the backbone on one image column; '{train.Source}' has {images.Count} ({string.Join(", ", images.Select(c => c.Name))}).");
        var backbone = BackboneCatalog.Default.Resolve(options.Backbones[0]);
        var folder = new ScratchFolder("mlnet-transfer-fine-tune-");
        try
        {
            float[][] cut;
            using (var cache = options.CacheDir is null ? null : EmbeddingCache.Open(options.CacheDir))
                cut = StageFineTuner.CutActivations(backbone, options.Unfreeze, train, images[0].Name, folder.FullName, cache, progress, cancellation);
            var labels = train.DistinctLabels;
            var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
            var head = (options.Trainer as MultilayerPerceptronHead)?.Options ?? new MlpOptions { Seed = options.Seed };
            var fineTune = new FineTuneOptions { Unfreeze = options.Unfreeze, BackboneLearningRate = options.BackboneLearningRate, Epochs = options.UnfreezeEpochs, Head = head };
            var stage = $"Fine-tuning {backbone.Name} from {StageFineTuner.CutFor(backbone, options.Unfreeze).Tensor}";
            var warmUp = "Training the warm-up mlp head";
            progress?.Report(new WorkflowProgress(warmUp, 0, 0));
            var result = StageFineTuner.Train(backbone, cut, train.Labels.Select(l => index[l]).ToList(), labels.Count, fineTune,
                progress is null ? null : new SynchronousProgress<FineTuneEpoch>(e => progress.Report(new WorkflowProgress(stage, e.Epoch, e.MaxEpochs, e.ToString()))),
                progress is null ? null : new SynchronousProgress<MlpEpoch>(e => progress.Report(new WorkflowProgress(warmUp, e.Epoch, e.MaxEpochs, e.ToString()))),
                cancellation);
            progress?.Report(new WorkflowProgress(stage, 1, 1, $"kept epoch {result.BestEpoch} of {result.History.Count - 1}; {result.TrainedParameters:N0} backbone values trained" +
                (result.BestEpoch == 0 ? "; no epoch beat the frozen backbone on the validation split, so it stays as it was" : "") +
                (result.History.FirstOrDefault(e => !double.IsFinite(e.TrainLoss) || e.ValidationLoss is { } v && !double.IsFinite(v)) is { } diverged
                    ? $"; the losses stopped being finite at epoch {diverged.Epoch}: the backbone learning rate is too high for these data (try a 10x smaller --backbone-lr)"
                    : "")));
            // Nothing learned: the run goes on with the original backbone (and its cached embeddings).
            if (result.BestEpoch == 0) return new FineTuneStage(folder, backbone.ManifestPath, result);
            var name = FineTunedBackboneName.Of(backbone.Name, options.Unfreeze);
            var file = name + ".onnx";
            result.SaveBackbone(Path.Combine(folder.FullName, file));
            var manifest = backbone with { Name = name, File = file, Sha256 = null, Build = null, FineTuning = null, Source = null };
            var manifestPath = Path.Combine(folder.FullName, name + ".json");
            AtomicFile.WriteText(manifestPath, JsonSerializer.Serialize(manifest, JsonDefaults.Options));
            return new FineTuneStage(folder, manifestPath, result);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the scratch folder (the fine-tuned backbone and the trunk graph).</summary>
    public void Dispose() => _folder.Dispose();
}
