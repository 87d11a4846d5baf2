using System.Text;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>Renders <see cref="HeadsResults"/> as a console table and as the BENCHMARKS.md section, interpretation included.</summary>
internal static class HeadsReport
{
    public static string Title(HeadsOptions options) =>
        $"## Heads on frozen ResNet18 — Fashion-MNIST, {options.TrainPerClass} labels per class" +
        (options.TestLimit > 0 ? $" (trial: test limited to {options.TestLimit} per class)" : "");

    private static readonly string[] Columns = ["head", "features", "accuracy", "macro-F1", "log-loss", "fit (s)", "train incl. features (s)", "MLP epoch kept / run"];

    private static IEnumerable<string[]> Rows(HeadsResults r) => r.Heads.Select(h => new[]
    {
        h.Head,
        h.Features.Name,
        $"{h.Metrics.Accuracy:F4}",
        $"{h.Metrics.MacroF1:F4}",
        $"{h.Metrics.LogLoss:F3}",
        $"{h.FitTime.TotalSeconds:F2}",
        $"{h.TrainTotal.TotalSeconds:F1}",
        h.BestEpoch is { } best ? $"{best.Epoch} / {h.Epochs!.Count}" : "",
    });

    public static string ConsoleTable(HeadsResults r)
    {
        var rows = Rows(r).Prepend(Columns).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return text.ToString();
    }

    public static string Section(HeadsResults r)
    {
        var mlp = new MlpOptions();
        var o = r.Options;
        var s = new StringBuilder();
        s.AppendLine(Title(o)).AppendLine();
        s.AppendLine($"Measured {r.StartedUtc:yyyy-MM-dd HH:mm} UTC on {r.Machine.Describe()}.").AppendLine();
        s.AppendLine("```bash").AppendLine(r.Command).AppendLine("```").AppendLine();
        s.AppendLine($"- **Data.** Train: the first {o.TrainPerClass} images of each class of the Fashion-MNIST training set, in file order " +
                     $"({BenchData.Describe(r.Train)}); test: {(o.TestLimit > 0 ? $"the first {o.TestLimit} of each class of the test set" : "the full test set")} " +
                     $"({BenchData.Describe(r.Test)}). Seed {o.Seed}.");
        s.AppendLine($"- **Featurizing** with the frozen ResNet18 (`FeaturePipeline` + `FeatureMaterializer`, once for all heads, CPU): " +
                     $"**{r.Frozen.MsPerImage:F1} ms/image** — train {r.Frozen.TrainTime.TotalSeconds:F1} s ({r.Frozen.TrainMsPerImage:F1} ms/image), " +
                     $"test {r.Frozen.TestTime.TotalSeconds:F1} s ({r.Frozen.TestMsPerImage:F1} ms/image). Decoding raw pixels " +
                     $"(784 gray levels / 255 via `MLImage`): {r.Raw.MsPerImage:F2} ms/image.");
        s.AppendLine("- **Heads** are fitted with `ClassificationHead.Fit` on the same in-memory features and scored on the test features as " +
                     "`TrainWorkflow` does; *fit* is that call alone (wall clock; lr and fasttree use ML.NET's threads, the mlp trainer one thread); " +
                     "*train incl. features* adds making the training features (backbone or decoding). " +
                     $"Both MLPs use the same `MlpOptions`: hidden {string.Join("+", mlp.HiddenLayers)} ReLU, dropout {mlp.Dropout}, L2 {mlp.L2:G}, " +
                     $"Adam {mlp.LearningRate:G}, batch {mlp.BatchSize}, at most {mlp.MaxEpochs} epochs, early stopping with patience {mlp.Patience} " +
                     $"on a stratified {100 * mlp.ValidationFraction:0.#}% validation split ({r.MlpValidationRows:N0} of the {r.Train.Count:N0} training images), best epoch's weights kept. " +
                     "Times are single wall-clock measurements and move with machine load; accuracies are deterministic for a seed.");
        s.AppendLine();
        s.AppendLine("| " + string.Join(" | ", Columns) + " |");
        s.AppendLine("|" + string.Join("|", Columns.Select((_, c) => c < 2 ? "---" : "---:")) + "|");
        foreach (var row in Rows(r)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        s.AppendLine();
        if (r.FrozenMlpSeeds.Count > 1)
        {
            s.AppendLine($"MLP seed spread (seeds {r.FrozenMlpSeeds[0].Seed}–{r.FrozenMlpSeeds[^1].Seed}: initialisation, shuffling, dropout and the " +
                         "validation split change; the training images do not):").AppendLine();
            s.AppendLine("| head | features | accuracy per seed | mean ± sd | epoch kept per seed |");
            s.AppendLine("|---|---|---|---|---|");
            foreach (var runs in new[] { r.FrozenMlpSeeds, r.RawMlpSeeds })
            {
                var (mean, sd) = MeanSd(runs.Select(h => h.Metrics.Accuracy));
                s.AppendLine($"| mlp | {runs[0].Features.Name} | {string.Join(", ", runs.Select(h => $"{h.Metrics.Accuracy:F4}"))} | " +
                             $"{mean:F4} ± {sd:F4} | {string.Join(", ", runs.Select(h => h.BestEpoch?.Epoch.ToString() ?? "-"))} |");
            }
            s.AppendLine();
        }
        s.AppendLine("What it says:").AppendLine();
        foreach (var line in Interpretation(r)) s.AppendLine($"- {line}");
        return s.ToString();
    }

    /// <summary>Three to six sentences drawn from the numbers; each claim is computed, none is assumed.</summary>
    public static IReadOnlyList<string> Interpretation(HeadsResults r)
    {
        var lines = new List<string>();
        HeadResult Get(string head, Microsoft.ML.Data.VectorDataViewType type) => r.Heads.First(h => h.Head == head && h.Features.Type == type);
        var lr = Get("lr", r.Frozen.Type);
        var tree = Get("fasttree", r.Frozen.Type);
        var mlp = Get("mlp", r.Frozen.Type);
        var rawMlp = Get("mlp", r.Raw.Type);
        var rawLr = Get("lr", r.Raw.Type);
        double Points(HeadResult a, HeadResult b) => 100 * (a.Metrics.Accuracy - b.Metrics.Accuracy);
        var p = lr.Metrics.Accuracy;
        var testError = 100 * Math.Sqrt(p * (1 - p) / r.Test.Count);

        var gap = Points(mlp, lr);
        var noise = $"one standard error of an accuracy on {r.Test.Count:N0} test images is about {testError:F1} points";
        var accuracies = r.FrozenMlpSeeds.Select(h => h.Metrics.Accuracy).ToList();
        var (mean, sd) = MeanSd(accuracies);
        var above = accuracies.Count(a => a > lr.Metrics.Accuracy);
        // A clear win: beyond two standard errors at this seed and, when several seeds ran, ahead of lr at every seed.
        var clearWin = gap > 2 * testError && above == accuracies.Count;
        var pair = $"{mlp.Metrics.Accuracy:F4} vs {lr.Metrics.Accuracy:F4} at seed {mlp.Seed}, macro-F1 {mlp.Metrics.MacroF1:F4} vs {lr.Metrics.MacroF1:F4}";
        var verdict = clearWin ? $"**The MLP head beats lr on the frozen embeddings by {gap:F1} points** ({pair})"
            : gap > 0 ? $"**The MLP head edges lr on the frozen embeddings by {gap:F1} points, but not reliably** ({pair})"
            : $"**The MLP head does not beat lr on the frozen embeddings** ({pair}, {gap:+0.0;-0.0} points)";
        verdict += accuracies.Count > 1
            ? $": over {accuracies.Count} seeds it scores {mean:F4} ± {sd:F4} ({accuracies.Min():F4}–{accuracies.Max():F4}), " +
              $"a mean gap of {100 * (mean - lr.Metrics.Accuracy):+0.0;-0.0} points, with {above} of {accuracies.Count} seeds above lr ({noise})."
            : $" ({noise}).";
        lines.Add(verdict);

        if (mlp.BestEpoch is { } best && mlp.Epochs is { Count: > 0 } epochs)
        {
            var last = epochs[^1];
            var overfits = last.TrainLoss < 0.5 * (last.ValidationLoss ?? double.PositiveInfinity);
            lines.Add($"Early stopping kept epoch {best.Epoch} of {epochs.Count}: there the training loss was {best.TrainLoss:F3} and the validation loss " +
                      $"{best.ValidationLoss:F3} ({100 * best.ValidationAccuracy:F0}% of the {r.MlpValidationRows} held-out images right); by epoch {last.Epoch} the training loss was " +
                      $"{last.TrainLoss:F3} against {last.ValidationLoss:F3} on validation" +
                      (overfits ? ", so the network memorises its training images soon after the kept epoch." : "."));
            var hidden = new MlpOptions().HiddenLayers;
            var weights = ParameterCount(r.Frozen.Type.Size, hidden, r.Train.DistinctLabels.Count);
            var facts = $"the MLP fits {weights:N0} weights on {r.MlpTrainingRows:N0} images (it holds {r.MlpValidationRows} of the {r.Train.Count:N0} back " +
                        $"for early stopping, where one image moves validation accuracy by {100.0 / Math.Max(r.MlpValidationRows, 1):0.#} point{(r.MlpValidationRows == 100 ? "" : "s")}), while lr fits " +
                        $"{(r.Frozen.Type.Size + 1) * r.Train.DistinctLabels.Count:N0} weights on all {r.Train.Count:N0} with ML.NET's default L1+L2 regularisation";
            lines.Add(clearWin
                ? $"The hidden layer pays for itself even though {facts}."
                : $"Why a hidden layer adds little here: {facts}; with {r.Options.TrainPerClass} labels per class a linear boundary on the " +
                  "frozen embedding already uses about as much as the labels can support, and the extra capacity mostly goes into fitting the training images.");
        }

        var pretrained = Points(mlp, rawMlp);
        var rawLine = $"the same MLP budget on raw pixels reaches {rawMlp.Metrics.Accuracy:F4} ({pretrained:+0.0;-0.0} points for the frozen features under the MLP) " +
                      $"and lr on raw pixels {rawLr.Metrics.Accuracy:F4} ({Points(lr, rawLr):+0.0;-0.0} points for the frozen features under lr)";
        lines.Add(pretrained > 2 * testError && Points(lr, rawLr) > 2 * testError
            ? $"Pre-training is what pays: {rawLine}."
            : pretrained < -2 * testError
                ? $"Raw pixels beat the frozen ImageNet features here: {rawLine}; likely because 28×28 gray clothing upscaled to 224×224 is far from ImageNet photos."
                : $"The frozen ImageNet features buy less than one might expect on this data: {rawLine}; 28×28 gray clothing upscaled to 224×224 " +
                  "is far from ImageNet photos, and Fashion-MNIST's centred, aligned images are easy for a pixel-level classifier.");
        lines.Add($"fasttree (one-versus-all boosted trees) gets {tree.Metrics.Accuracy:F4} ({Points(tree, lr):+0.0;-0.0} points vs lr) and takes " +
                  $"{tree.FitTime.TotalSeconds:F1} s to fit, against {lr.FitTime.TotalSeconds:F1} s for lr and {mlp.FitTime.TotalSeconds:F1} s for the mlp.");
        var slowestFit = r.Heads.Max(h => h.FitTime);
        lines.Add($"Featurizing the {r.Train.Count:N0} training images with the backbone takes {r.Frozen.TrainTime.TotalSeconds:F0} s " +
                  $"({r.Frozen.TrainMsPerImage:F0} ms/image on {r.Machine.Cores} cores), " +
                  (r.Frozen.TrainTime > slowestFit ? "more than any head's fit" : $"less than the slowest fit ({slowestFit.TotalSeconds:F0} s)") +
                  $"; the raw-pixel models need {r.Raw.TrainTime.TotalSeconds:F1} s of decoding instead.");
        return lines;
    }

    private static int ParameterCount(int inputs, IReadOnlyList<int> hidden, int classes)
    {
        int[] sizes = [inputs, .. hidden, classes];
        return Enumerable.Range(0, sizes.Length - 1).Sum(l => sizes[l] * sizes[l + 1] + sizes[l + 1]);
    }

    private static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var list = values.ToList();
        var mean = list.Average();
        var sd = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return (mean, sd);
    }
}
