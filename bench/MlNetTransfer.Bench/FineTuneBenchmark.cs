using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.FineTuning;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>One training run of <c>finetune</c>: held-out accuracy, wall time, and the fine-tuning epochs (empty when frozen).</summary>
internal sealed record FineTuneRun(string Mode, double Accuracy, double Seconds, double FineTuneSeconds, IReadOnlyList<string> Epochs, string? Kept);

/// <summary>The speed anchor of one cut: seconds per joint epoch, ours and PyTorch's, on the same rows.</summary>
internal sealed record FineTuneSpeed(string Cut, int Rows, IReadOnlyList<double> Ours, IReadOnlyList<double>? Torch, string? TorchNote);

internal sealed record FineTuneResults(FineTuneBenchOptions Options, MachineInfo Machine, DateTime StartedUtc, string Command, string LoadBefore, string LoadAfter,
    int TrainRows, int TestRows, IReadOnlyList<FineTuneRun> Runs, IReadOnlyList<FineTuneSpeed> Speed);

/// <summary>
/// The <c>finetune</c> benchmark (issue 14): <see cref="TrainWorkflow.Run"/> with <c>--trainer mlp</c> frozen, with
/// <c>--unfreeze last-block</c> and with <c>--unfreeze last-stage</c> on the same Fashion-MNIST subset (held-out accuracy,
/// wall time, the epochs' losses); and the speed anchor: seconds per joint epoch of our generated graphs against PyTorch
/// (Debian's python3-torch, CPU, the same thread count) training the same stage, rebuilt from the same ONNX weights, on the
/// same cut activations with the same head, batch and optimiser.
/// </summary>
internal static class FineTuneBenchmark
{
    public const string Title = "## Fine-tuning the last block / stage of ResNet18 (issue 14)";

    public static FineTuneResults Run(FineTuneBenchOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
        var work = Directory.CreateTempSubdirectory("mlnet-transfer-bench-finetune-").FullName;
        try
        {
            var train = Subset(Path.Combine(options.Data, "train"), Path.Combine(work, "train"), options.TrainPerClass);
            var test = Subset(Path.Combine(options.Data, "test"), Path.Combine(work, "test"), options.TestPerClass);
            var speed = new List<FineTuneSpeed>();
            foreach (var depth in new[] { UnfreezeDepth.LastBlock, UnfreezeDepth.LastStage })
                speed.Add(Speed(options, depth, train, work, log));
            var runs = new List<FineTuneRun>();
            int trainRows = 0, testRows = 0;
            foreach (var depth in new[] { UnfreezeDepth.None, UnfreezeDepth.LastBlock, UnfreezeDepth.LastStage })
            {
                var epochs = new List<string>();
                string? kept = null;
                var clock = Stopwatch.StartNew();
                var progress = new SynchronousProgress<WorkflowProgress>(p =>
                {
                    if (!p.Stage.StartsWith("Fine-tuning", StringComparison.Ordinal) || p.Detail is null) return;
                    if (p.Detail.StartsWith("kept", StringComparison.Ordinal)) kept = p.Detail;
                    else epochs.Add(p.Detail);
                    log.WriteLine($"{depth}: {p.Detail}");
                });
                var result = TrainWorkflow.Run(new TrainOptions
                {
                    Data = train,
                    Test = test,
                    Out = Path.Combine(work, "model.zip"),
                    Trainer = HeadRegistry.Default.Get("mlp"),
                    Unfreeze = depth,
                    UnfreezeEpochs = options.Epochs,
                    CacheDir = options.CacheDir,
                    Seed = options.Seed,
                }, progress);
                var fineTuneSeconds = result.Stages.Where(s => s.Stage.StartsWith("Fine-tuning", StringComparison.Ordinal) || s.Stage.StartsWith("Training the warm-up", StringComparison.Ordinal)).Sum(s => s.Seconds);
                runs.Add(new FineTuneRun(Mode(depth), result.Metrics.Accuracy, clock.Elapsed.TotalSeconds, fineTuneSeconds, epochs, kept));
                (trainRows, testRows) = (result.TrainExamples, result.TestExamples);
                log.WriteLine($"{Mode(depth)}: accuracy {result.Metrics.Accuracy:F4} in {clock.Elapsed.TotalSeconds:F0} s");
            }
            return new FineTuneResults(options, MachineInfo.Current(), started, command, loadBefore, File.ReadAllText("/proc/loadavg").Trim(), trainRows, testRows, runs, speed);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Mode(UnfreezeDepth depth) => depth switch
    {
        UnfreezeDepth.None => "frozen + mlp",
        UnfreezeDepth.LastBlock => "--unfreeze last-block",
        _ => "--unfreeze last-stage",
    };

    /// <summary>The first <paramref name="perClass"/> images (by name) of each class folder of <paramref name="source"/>, copied to <paramref name="target"/>.</summary>
    private static string Subset(string source, string target, int perClass)
    {
        if (!Directory.Exists(source)) throw new UserInputException($"'{source}' does not exist: --data needs train/ and test/ class folders.");
        foreach (var folder in Directory.GetDirectories(source).Order(StringComparer.Ordinal))
        {
            var to = Directory.CreateDirectory(Path.Combine(target, Path.GetFileName(folder))).FullName;
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal).Take(perClass)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        return target;
    }

    /// <summary>Seconds per joint epoch of ours and of PyTorch on the first <see cref="FineTuneBenchOptions.SpeedRows"/> training images' cut activations.</summary>
    private static FineTuneSpeed Speed(FineTuneBenchOptions options, UnfreezeDepth depth, string train, string work, TextWriter log)
    {
        var backbone = BuiltInBackbones.ResNet18;
        var all = DatasetLoader.Load(train);
        var random = new Random(options.Seed);
        var rows = Enumerable.Range(0, all.Count).OrderBy(_ => random.Next()).Take(options.SpeedRows).ToList();
        var data = all.Subset(rows);
        var column = data.Columns.Single(c => c.Role == ColumnRole.Image).Name;
        using var cache = Engine.EmbeddingCache.Open(options.CacheDir);
        var cut = StageFineTuner.CutActivations(backbone, depth, data, column, work, cache);
        var labels = data.DistinctLabels;
        var y = data.Labels!.Select(l => labels.ToList().IndexOf(l)).ToList();
        var fineTune = new FineTuneOptions
        {
            Unfreeze = depth,
            Epochs = options.SpeedEpochs,
            Head = new MlpOptions { Seed = options.Seed, ValidationFraction = 0, MaxEpochs = 1, MinimumSteps = 0 },
        };
        var epochs = new List<FineTuneEpoch>();
        StageFineTuner.Train(backbone, cut, y, labels.Count, fineTune, new SynchronousProgress<FineTuneEpoch>(epochs.Add));
        var ours = epochs.Where(e => e.Epoch > 0).Select(e => e.Seconds).ToList();
        log.WriteLine($"speed {depth}: ours {string.Join(", ", ours.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))} s per epoch");

        // PyTorch: the same stage rebuilt from the same ONNX initializers, the same rows, head, batch, optimiser and threads.
        var folder = Directory.CreateDirectory(Path.Combine(work, $"torch-{depth}")).FullName;
        var cutPoint = StageFineTuner.CutFor(backbone, depth);
        var stage = StageGraph.Read(OnnxGraphs.Read(backbone.ModelPath), cutPoint, backbone.Output, backbone.FineTuning!.Ops, backbone.Name);
        WriteStage(stage, folder);
        using (var stream = File.Create(Path.Combine(folder, "cut.bin")))
            foreach (var row in cut) stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.AsSpan()));
        File.WriteAllText(Path.Combine(folder, "labels.json"), JsonSerializer.Serialize(y));
        var torch = PythonScript.Run(options.Python, TorchScript, [folder, Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            options.SpeedEpochs.ToString(CultureInfo.InvariantCulture), "32", fineTune.StageLearningRate.ToString("R", CultureInfo.InvariantCulture),
            fineTune.Head.LearningRate.ToString("R", CultureInfo.InvariantCulture), labels.Count.ToString(CultureInfo.InvariantCulture)], out var whyNot);
        var torchSeconds = torch?.GetProperty("secondsPerEpoch").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var note = torch is { } t ? $"torch {t.GetProperty("torch").GetString()}, {t.GetProperty("threads").GetInt32()} threads" : whyNot;
        log.WriteLine($"speed {depth}: torch {(torchSeconds is null ? whyNot : string.Join(", ", torchSeconds.Select(s => s.ToString("F1", CultureInfo.InvariantCulture))))}");
        return new FineTuneSpeed(Mode(depth), cut.Length, ours, torchSeconds, note);
    }

    /// <summary>stage.json (the operators and tensor offsets) and params.bin (the initializers, ONNX layout) for the PyTorch script.</summary>
    private static void WriteStage(StageGraph stage, string folder)
    {
        var tensors = new Dictionary<string, object>();
        long offset = 0;
        using (var stream = File.Create(Path.Combine(folder, "params.bin")))
            foreach (var (name, tensor) in stage.Initializers)
            {
                var values = OnnxGraphs.FloatValues(tensor, "bench");
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
                tensors[name] = new { shape = tensor.Dims.ToArray(), offset };
                offset += values.Length;
            }
        var ops = stage.Ops.Select<StageOp, object>(op => op switch
        {
            ConvOp c => new { kind = "conv", input = c.Input, output = c.Output, weight = c.Weight, stride = new[] { c.StrideH, c.StrideW }, pads = new[] { c.PadTop, c.PadLeft, c.PadBottom, c.PadRight } },
            BatchNormOp b => new { kind = "bn", input = b.Input, output = b.Output, scale = b.Scale, bias = b.Bias, mean = b.Mean, var = b.Variance, eps = b.Epsilon },
            ReluOp r => new { kind = "relu", input = r.Input, output = r.Output },
            AddOp a => new { kind = "add", left = a.Left, right = a.Right, output = a.Output },
            GlobalPoolOp p => new { kind = "pool", input = p.Input, output = p.Output },
            FlattenOp f => new { kind = "flatten", input = f.Input, output = f.Output },
            _ => throw new InvalidOperationException(op.ToString()),
        }).ToList();
        File.WriteAllText(Path.Combine(folder, "stage.json"), JsonSerializer.Serialize(new
        {
            cut = new { tensor = stage.Cut.Tensor, c = stage.Cut.Channels, h = stage.Cut.Height, w = stage.Cut.Width },
            output = stage.Output,
            embedding = stage.EmbeddingSize,
            tensors,
            ops,
        }));
    }

    private const string TorchScript = """
        import json, sys, time
        import numpy as np
        import torch
        import torch.nn.functional as F
        folder, threads, epochs, batch, lr_stage, lr_head, classes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        spec = json.load(open(folder + "/stage.json"))
        flat = np.fromfile(folder + "/params.bin", dtype=np.float32)
        t = {n: torch.tensor(flat[v["offset"]:v["offset"] + int(np.prod(v["shape"]))].reshape(v["shape"])) for n, v in spec["tensors"].items()}
        trainable = []
        for op in spec["ops"]:
            names = [op["weight"]] if op["kind"] == "conv" else [op["scale"], op["bias"]] if op["kind"] == "bn" else []
            for n in names:
                t[n].requires_grad_(True)
                trainable.append(t[n])
        c, h, w = spec["cut"]["c"], spec["cut"]["h"], spec["cut"]["w"]
        cut = torch.from_numpy(np.fromfile(folder + "/cut.bin", dtype=np.float32).reshape(-1, c, h, w))
        labels = torch.tensor(json.load(open(folder + "/labels.json")))
        def forward(x):
            v = {spec["cut"]["tensor"]: x}
            for op in spec["ops"]:
                k = op["kind"]
                if k == "conv":
                    pt, pl, pb, pr = op["pads"]
                    v[op["output"]] = F.conv2d(F.pad(v[op["input"]], (pl, pr, pt, pb)), t[op["weight"]], stride=op["stride"])
                elif k == "bn":
                    v[op["output"]] = F.batch_norm(v[op["input"]], t[op["mean"]], t[op["var"]], t[op["scale"]], t[op["bias"]], training=False, eps=op["eps"])
                elif k == "relu":
                    v[op["output"]] = F.relu(v[op["input"]])
                elif k == "add":
                    v[op["output"]] = v[op["left"]] + v[op["right"]]
                elif k == "pool":
                    v[op["output"]] = v[op["input"]].mean(dim=(2, 3))
                else:
                    v[op["output"]] = v[op["input"]]
            return v[spec["output"]]
        head = torch.nn.Sequential(torch.nn.Linear(spec["embedding"], 256), torch.nn.ReLU(), torch.nn.Dropout(0.2), torch.nn.Linear(256, classes))
        optimiser = torch.optim.Adam([{"params": trainable, "lr": lr_stage}, {"params": head.parameters(), "lr": lr_head}], eps=1e-7)
        seconds = []
        n = cut.shape[0]
        for epoch in range(epochs):
            start = time.perf_counter()
            order = torch.randperm(n)
            for b in range(0, n, batch):
                idx = order[b:b + batch]
                loss = F.cross_entropy(head(forward(cut[idx])), labels[idx])
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
            seconds.append(time.perf_counter() - start)
        print(json.dumps({"secondsPerEpoch": seconds, "torch": torch.__version__, "threads": torch.get_num_threads()}))
        """;

    public static string ConsoleTable(FineTuneResults r)
    {
        var text = new StringBuilder();
        foreach (var run in r.Runs) text.AppendLine(CultureInfo.InvariantCulture, $"{run.Mode,-24} accuracy {run.Accuracy:F4}  {run.Seconds,6:F0} s");
        foreach (var s in r.Speed) text.AppendLine(CultureInfo.InvariantCulture, $"speed {s.Cut,-24} ours {Mean(s.Ours):F1} s/epoch, torch {(s.Torch is null ? s.TorchNote : Mean(s.Torch).ToString("F1", CultureInfo.InvariantCulture))} s/epoch");
        return text.ToString();
    }

    private static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();

    public static string Section(FineTuneResults r)
    {
        var o = r.Options;
        var s = new StringBuilder();
        s.AppendLine(Title);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Command: `{r.Command}` (started {r.StartedUtc:yyyy-MM-dd HH:mm} UTC). Machine: {r.Machine.Describe()}.");
        s.AppendLine(CultureInfo.InvariantCulture, $"Load average (`/proc/loadavg`) at the start: `{r.LoadBefore}`, at the end: `{r.LoadAfter}`: the machine was shared, so wall times are upper bounds; ours and PyTorch's speed ran back to back under the same load.");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Fashion-MNIST, the first {o.TrainPerClass} training images per class ({r.TrainRows} rows) and {o.TestPerClass} test images per class ({r.TestRows} rows) of `{o.Data}`; `train --trainer mlp --seed {o.Seed}` with the default head, `--unfreeze-epochs {o.Epochs}`, the default backbone learning rate (10x below the head's: 1e-4). Time: the whole `train` run (trunk, fine-tuning, featurizing train and test, head, saving the 64 MB zip).");
        s.AppendLine();
        s.AppendLine("| mode | test accuracy | train run (s) | of which fine-tuning (s) | epoch kept |");
        s.AppendLine("|---|---:|---:|---:|---|");
        foreach (var run in r.Runs)
            s.AppendLine(CultureInfo.InvariantCulture, $"| {run.Mode} | {run.Accuracy:F4} | {run.Seconds:F0} | {(run.Epochs.Count == 0 ? "–" : run.FineTuneSeconds.ToString("F0", CultureInfo.InvariantCulture))} | {run.Kept ?? "–"} |");
        s.AppendLine();
        foreach (var run in r.Runs.Where(x => x.Epochs.Count > 0))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{run.Mode} epochs (losses on the 90% training part and the 10% validation split):");
            s.AppendLine();
            foreach (var e in run.Epochs) s.AppendLine(CultureInfo.InvariantCulture, $"- {e}");
            s.AppendLine();
        }
        var unchanged = r.Runs.Where(x => x.Kept?.StartsWith("kept epoch 0 ", StringComparison.Ordinal) == true).Select(x => x.Mode).ToList();
        if (unchanged.Count > 0)
            s.AppendLine(CultureInfo.InvariantCulture, $"Overfitting, plainly: with {unchanged.Count switch { 1 => unchanged[0], _ => string.Join(" and ", unchanged) }}, no joint epoch had a lower validation loss than the frozen backbone with its warm-up head (epoch 0), so early stopping kept the backbone as it was and the test accuracy is the frozen one's; the training loss fell every epoch while the validation loss stayed above epoch 0's: on {r.TrainRows} images the unfrozen weights memorise the training part.\n");
        s.AppendLine(CultureInfo.InvariantCulture, $"Speed anchor: seconds per joint epoch (stage + head, forward and backward, Adam, batch 32, dropout 0.2) on the cut activations of {r.Speed.FirstOrDefault()?.Rows} training images, {o.SpeedEpochs} epochs, {r.Machine.Cores} threads both. Ours: the generated ONNX graphs in ONNX Runtime (`StageFineTuner`); PyTorch: the same stage rebuilt from the same ONNX initializers (F.conv2d, F.batch_norm in inference mode), same head, Adam, rows.");
        s.AppendLine();
        s.AppendLine("| unfrozen | ours (s/epoch) | PyTorch (s/epoch) | ours / PyTorch |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var sp in r.Speed)
            s.AppendLine(CultureInfo.InvariantCulture, $"| {sp.Cut} | {string.Join(", ", sp.Ours.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))} | " +
                $"{(sp.Torch is null ? sp.TorchNote : string.Join(", ", sp.Torch.Select(x => x.ToString("F1", CultureInfo.InvariantCulture))))} | " +
                $"{(sp.Torch is null ? "–" : (Mean(sp.Ours) / Mean(sp.Torch)).ToString("F2", CultureInfo.InvariantCulture))} |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"PyTorch: {r.Speed.FirstOrDefault(x => x.TorchNote is not null)?.TorchNote}.");
        return s.ToString();
    }
}
