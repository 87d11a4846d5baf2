using System.Diagnostics;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Heads;

namespace MlNetTransfer.FineTuning;

/// <summary>
/// Fine-tunes the last block or stage of an image backbone with an MLP head: the frozen trunk runs once per image through
/// the batched engine up to the manifest's cut point (<see cref="CutActivations"/>, cached like embeddings); then
/// <see cref="Train"/> trains a warm-up head on the frozen embeddings (<see cref="MlpTrainer"/>), trains stage and head
/// together with Adam (the stage at <see cref="FineTuneOptions.StageLearningRate"/>) through generated ONNX forward and
/// backward graphs (<see cref="GradientGraphs"/>) run by ONNX Runtime, keeps the epoch with the lowest validation loss,
/// and writes the stage's weights back into the backbone graph.
/// </summary>
public static class StageFineTuner
{
    /// <summary>
    /// The manifest's cut point for <paramref name="depth"/>; a <see cref="UserInputException"/> naming the backbone when it
    /// is not an image backbone, has no <c>"fineTuning"</c> section, or no cut point of that depth.
    /// </summary>
    public static CutPoint CutFor(BackboneManifest backbone, UnfreezeDepth depth)
    {
        if (backbone.Image is null) throw new UserInputException($"Backbone '{backbone.Name}' is not an image backbone: only an image backbone can be unfrozen.");
        var section = backbone.FineTuning ?? throw new UserInputException(
            $"Backbone '{backbone.Name}' has no \"fineTuning\" section in its manifest ('{backbone.ManifestPath}'), so it cannot be unfrozen; use it frozen (--unfreeze none).");
        var cut = depth switch
        {
            UnfreezeDepth.LastBlock => section.LastBlock,
            UnfreezeDepth.LastStage => section.LastStage,
            _ => throw new ArgumentOutOfRangeException(nameof(depth), depth, "must be LastBlock or LastStage"),
        };
        return cut ?? throw new UserInputException($"Backbone '{backbone.Name}': its manifest's \"fineTuning\" section has no {(depth == UnfreezeDepth.LastBlock ? "\"lastBlock\"" : "\"lastStage\"")} cut point.");
    }

    /// <summary>
    /// The trunk's activations at the cut point for <paramref name="depth"/>, [rows][C·H·W] NCHW, for image column
    /// <paramref name="column"/> of <paramref name="data"/>: the backbone graph truncated at the cut (written to
    /// <paramref name="workDirectory"/>) run through <see cref="BatchedImageEmbedder"/>, whose <paramref name="cache"/> keys
    /// name the truncated file's hash and the cut tensor, so a second run (with other learning rates) reads them back.
    /// </summary>
    public static float[][] CutActivations(BackboneManifest backbone, UnfreezeDepth depth, Dataset data, string column, string workDirectory,
        EmbeddingCache? cache = null, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var cut = CutFor(backbone, depth);
        var trunk = TrunkManifest(backbone, cut, workDirectory);
        using var engine = new BatchedImageEmbedder(trunk);
        return engine.Embed(data, column, $"Running the frozen trunk to {cut.Tensor}", progress, cancellation, cache);
    }

    /// <summary>A manifest for the backbone cut at <paramref name="cut"/> (its graph written to <paramref name="workDirectory"/>): output the cut tensor, C·H·W values per image.</summary>
    internal static BackboneManifest TrunkManifest(BackboneManifest backbone, CutPoint cut, string workDirectory)
    {
        var file = $"{backbone.Name}-trunk-{cut.Tensor}.onnx";
        var path = Path.Combine(workDirectory, file);
        var truncated = OnnxGraphs.Truncate(OnnxGraphs.Read(backbone.ModelPath), cut.Tensor, [cut.Channels, cut.Height, cut.Width]);
        OnnxGraphs.Write(truncated, path);
        return backbone with
        {
            File = file,
            ManifestPath = Path.Combine(Path.GetFullPath(workDirectory), backbone.Name + "-trunk.json"),
            Output = cut.Tensor,
            EmbeddingSize = cut.Size,
            Sha256 = null,
            FineTuning = null,
        };
    }

    /// <summary>
    /// Trains the stage after <paramref name="options"/>' cut point with an MLP head on <paramref name="cutActivations"/>
    /// (from <see cref="CutActivations"/>) and writes it back. Deterministic for a seed up to ONNX Runtime's multithreaded sums.
    /// </summary>
    /// <param name="backbone">The image backbone (its manifest names the cut points and allowed operators).</param>
    /// <param name="cutActivations">[rows][C·H·W] trunk activations.</param>
    /// <param name="labels">Class index of each row, in [0, <paramref name="classes"/>).</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="options">Settings; invalid ones give a <see cref="UserInputException"/> listing every problem.</param>
    /// <param name="progress">Told after epoch 0 and each joint epoch (with time left).</param>
    /// <param name="headProgress">Told after each warm-up head epoch.</param>
    /// <param name="cancellation">Checked before each batch.</param>
    /// <exception cref="UserInputException">Bad options, a backbone that cannot be unfrozen (naming the operator), or no rows.</exception>
    /// <exception cref="ArgumentException">Row and label counts differ, a label is out of range, or a row is not C·H·W long.</exception>
    public static FineTuneResult Train(BackboneManifest backbone, IReadOnlyList<float[]> cutActivations, IReadOnlyList<int> labels, int classes,
        FineTuneOptions options, IProgress<FineTuneEpoch>? progress = null, IProgress<MlpEpoch>? headProgress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid fine-tuning options: {string.Join("; ", problems)}.");
        if (cutActivations.Count == 0) throw new UserInputException("Fine-tuning needs training examples.");
        if (cutActivations.Count != labels.Count) throw new ArgumentException("One label per row is needed.");
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"Labels must be in [0, {classes}).");
        var cut = CutFor(backbone, options.Unfreeze);
        if (cutActivations.Any(r => r.Length != cut.Size)) throw new ArgumentException($"Every row must hold {cut.Size} cut activations ({cut.Tensor}).");
        var model = OnnxGraphs.Read(backbone.ModelPath);
        var stage = StageGraph.Read(model, cut, backbone.Output, backbone.FineTuning!.Ops, backbone.Name);
        var parameters = StageParameters.From(stage);
        var headOptions = options.Head with { Refit = false };

        // The warm-up head: MlpTrainer's own stratified split from the same seed, so its validation rows are ours.
        var (trainRows, validationRows) = MlpTrainer.StratifiedSplit(labels, classes, headOptions.ValidationFraction, new Random(headOptions.Seed));
        float[][] frozen;
        using (var forward = new StageSession(stage, parameters, null, options.TrainBatchNorm, options.Threads))
            frozen = forward.Forward(cutActivations, Enumerable.Range(0, cutActivations.Count).ToArray());
        var head = MlpTrainer.Train(frozen, labels, classes, headOptions, headProgress, cancellation);

        using var session = new StageSession(stage, parameters, head, options.TrainBatchNorm, options.Threads);
        var loop = new JointLoop(session, stage, parameters, head, options, cutActivations, labels, classes);
        var history = new List<FineTuneEpoch>();
        var (best, bestHead, bestEpoch) = loop.Run(trainRows, validationRows, history, progress, cancellation);
        parameters.Load(best);
        for (var l = 0; l < head.Network.Layers; l++)
        {
            bestHead.Weights[l].CopyTo(head.Network.Weights[l], 0);
            bestHead.Biases[l].CopyTo(head.Network.Biases[l], 0);
        }
        parameters.WriteInto(model.Graph);
        var trained = parameters.All.Where(p => p.Decays || options.TrainBatchNorm).Sum(p => (long)p.Values.Length);
        var finalHead = new MlpModel(head.Mean, head.InverseStd, head.Network, head.History);
        return new FineTuneResult(model, finalHead, history, bestEpoch, trained, parameters.Copy());
    }

    /// <summary>The joint epochs: Adam on stage and head, validation after each, the best epoch's tensors kept.</summary>
    private sealed class JointLoop(StageSession session, StageGraph stage, StageParameters parameters, MlpModel head, FineTuneOptions options,
        IReadOnlyList<float[]> cut, IReadOnlyList<int> labels, int classes)
    {
        public (StageParameters Best, MlpNetwork BestHead, int BestEpoch) Run(int[] trainRows, int[] validationRows, List<FineTuneEpoch> history,
            IProgress<FineTuneEpoch>? progress, CancellationToken cancellation)
        {
            var h = options.Head;
            var network = head.Network;
            var random = new Random(h.Seed + 1);
            var batch = Math.Min(h.BatchSize, trainRows.Length);
            var size = stage.Cut.Size;
            var x = new float[batch * size];
            var targets = new float[batch * classes];
            var masks = Enumerable.Range(0, network.Layers - 1).Select(l => new float[batch * network.Sizes[l + 1]]).ToArray();
            var adam = new Dictionary<string, (float[] Values, float[] M, float[] V, bool Stage, bool Decays)>(StringComparer.Ordinal);
            foreach (var p in parameters.All) adam[GradientGraphs.Gradient(p.Name)] = (p.Values, new float[p.Values.Length], new float[p.Values.Length], true, p.Decays);
            for (var l = 0; l < network.Layers; l++)
            {
                adam[GradientGraphs.Gradient(GradientGraphs.HeadWeight(l))] = (network.Weights[l], new float[network.Weights[l].Length], new float[network.Weights[l].Length], false, true);
                adam[GradientGraphs.Gradient(GradientGraphs.HeadBias(l))] = (network.Biases[l], new float[network.Biases[l].Length], new float[network.Biases[l].Length], false, false);
            }
            var scratch = new float[adam.Values.Max(a => a.Values.Length)];

            var best = parameters.Copy();
            var bestHead = network.Clone();
            var bestEpoch = 0;
            var (bestLoss, accuracy) = Validate(validationRows);
            var start = new FineTuneEpoch(0, options.Epochs, double.NaN, validationRows.Length == 0 ? null : bestLoss, accuracy, true, 0, 0);
            history.Add(start);
            progress?.Report(start);
            var sinceBest = 0;
            var step = 0;
            var seconds = 0.0;
            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                random.Shuffle(trainRows);
                double lossSum = 0;
                var batches = 0;
                for (var first = 0; first < trainRows.Length; first += batch)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var rows = Math.Min(batch, trainRows.Length - first);
                    Array.Clear(targets);
                    for (var i = 0; i < rows; i++)
                    {
                        var r = trainRows[first + i];
                        cut[r].CopyTo(x, i * size);
                        targets[i * classes + labels[r]] = 1f / rows;
                    }
                    var keep = 1f / (1f - h.Dropout);
                    foreach (var mask in masks)
                        for (var i = 0; i < rows * (mask.Length / batch); i++) mask[i] = h.Dropout > 0 && random.NextSingle() < h.Dropout ? 0f : keep;
                    step++;
                    var c1 = 1 - Math.Pow(h.Beta1, step);
                    var c2 = 1 - Math.Pow(h.Beta2, step);
                    var epsilon = (float)(h.Epsilon * Math.Sqrt(c2));
                    lossSum += session.Step(x, targets, masks, rows, (name, gradient) =>
                    {
                        var (values, m, v, isStage, decays) = adam[name];
                        var g = scratch.AsSpan(0, values.Length);
                        gradient.CopyTo(g);
                        var decay = isStage ? options.WeightDecay : h.L2;
                        if (decays && decay > 0) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(values, decay, g, g);
                        var rate = (float)((isStage ? options.StageLearningRate : h.LearningRate) * Math.Sqrt(c2) / c1);
                        MlpTrainer.Adam.Update(values, g, m, v, rate, epsilon, h.Beta1, h.Beta2);
                    });
                    batches++;
                }
                var (loss, acc) = Validate(validationRows);
                var isBest = validationRows.Length == 0 || loss < bestLoss - 1e-7;
                if (isBest)
                {
                    bestLoss = loss;
                    best = parameters.Copy();
                    bestHead = network.Clone();
                    bestEpoch = epoch;
                    sinceBest = 0;
                }
                else sinceBest++;
                seconds += clock.Elapsed.TotalSeconds;
                var record = new FineTuneEpoch(epoch, options.Epochs, lossSum / batches, validationRows.Length == 0 ? null : loss, acc, isBest,
                    clock.Elapsed.TotalSeconds, seconds / epoch * (options.Epochs - epoch));
                history.Add(record);
                progress?.Report(record);
                if (validationRows.Length > 0 && sinceBest >= options.Patience) break;
            }
            return (best, bestHead, bestEpoch);
        }

        /// <summary>Mean cross-entropy and accuracy of stage + head (no dropout) on <paramref name="rows"/>; (NaN, null) for none.</summary>
        private (double Loss, double? Accuracy) Validate(int[] rows)
        {
            if (rows.Length == 0) return (double.NaN, null);
            var embeddings = session.Forward(cut, rows);
            var probabilities = head.Predict(embeddings);
            double loss = 0;
            var correct = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                var label = labels[rows[i]];
                loss -= Math.Log(Math.Max(probabilities[i][label], 1e-30f));
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(probabilities[i]) == label) correct++;
            }
            return (loss / rows.Length, (double)correct / rows.Length);
        }
    }
}
