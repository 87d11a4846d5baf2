using System.Globalization;
using CsvHelper;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>One head configuration of <c>heads-speed</c>: its row name, what it is, and the head.</summary>
internal sealed record HeadsSpeedVariant(string Name, string Settings, IHeadTrainer Head, bool Baseline = false);

/// <summary>One variant's timed fits (all on the same rows) and the held-out metrics of the first.</summary>
internal sealed record HeadsSpeedRow(HeadsSpeedVariant Variant, IReadOnlyList<Timing> Fits, ClassificationMetrics Metrics, bool SamePredictions)
{
    public double WallMedian => Measure.Median(Fits.Select(f => f.Wall.TotalSeconds));
    public double CpuMedian => Measure.Median(Fits.Select(f => f.Cpu.TotalSeconds));
}

/// <summary>Everything one <c>heads-speed</c> run measured.</summary>
internal sealed record HeadsSpeedResults(
    HeadsSpeedOptions Options, MachineInfo Machine, DateTime StartedUtc, TimeSpan Duration, string Command,
    string TrainFile, string TestFile, int Dimensions, int Classes, TimeSpan? Featurizing,
    LoadAverage? LoadAtStart, LoadAverage? LoadAtEnd, IReadOnlyList<HeadsSpeedRow> Rows);

/// <summary>
/// The <c>heads-speed</c> benchmark: every head fitted on the same cached ResNet18 embeddings (N training rows, 512
/// floats each, 10 Fashion-MNIST classes) as <see cref="ClassificationHead.Fit(MLContext, IDataView, IHeadTrainer, HeadTrainingContext)"/>
/// fits it in <see cref="TrainWorkflow"/>, timed (wall and this process's CPU) several times, and scored on held-out rows.
/// The embeddings are made once by <see cref="FeaturizeWorkflow"/> into CSV files kept between runs.
/// </summary>
internal static class HeadsSpeedBenchmark
{
    /// <summary>The heads timed, in table order: today's defaults next to what they replace.</summary>
    public static IReadOnlyList<HeadsSpeedVariant> Variants() =>
    [
        new("lr", "LbfgsMaximumEntropy on standardised features (unchanged)", new LogisticRegressionHead()),
        new("fasttree, ML.NET defaults", "one-versus-all FastTree, 100 trees x 20 leaves, 255 bins, all features: the head before this change (ML.NET's FastTree defaults), seeded by the context",
            new FastTreeHead(Bins: 255, FeatureFraction: 1, FeatureFlocks: true), Baseline: true),
        new("fasttree, 32 bins, all features", "one-versus-all FastTree, 100 trees x 20 leaves, 32 bins, all features, feature flocks: the head before this change (fitted once, like the reference)",
            new FastTreeHead(Bins: 32, FeatureFraction: 1, FeatureFlocks: true), Baseline: true),
        new("fasttree", "one-versus-all FastTree, 100 trees x 20 leaves, 16 bins, 128 of the 512 features per tree (drawn per tree), no feature flocks", new FastTreeHead()),
        new("lightgbm, 255 bins, all features", "LightGBM multiclass, 100 rounds x 31 leaves, 255 bins, all features (LightGBM's own defaults)",
            new LightGbmHead(Bins: 255, FeatureFraction: 1)),
        new("lightgbm", "LightGBM multiclass, 100 rounds x 31 leaves, 63 bins, half the features per tree", new LightGbmHead()),
        new("mlp, no refit", "Dense 256 + ReLU + dropout, early stopping on 10%, no refit, no std floor, no warm-up (the options before this change)",
            new MultilayerPerceptronHead(new MlpOptions { Refit = false, StdFloor = 0, MinimumSteps = 0 })),
        new("mlp", "the same, then refit on all rows for the chosen epochs; std floor 0.1 x median; 300-step warm-up", new MultilayerPerceptronHead()),
    ];

    public static HeadsSpeedResults Run(HeadsSpeedOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loadAtStart = LoadAverage.Read();
        Directory.CreateDirectory(options.Features);
        var trainFile = Path.Combine(options.Features, $"train-{options.Train}.csv");
        var testFile = Path.Combine(options.Features, $"test-{options.Test}.csv");
        TimeSpan? featurizing = null;
        if (!File.Exists(trainFile) || !File.Exists(testFile))
            featurizing = Featurize(options, trainFile, testFile, log);
        else
            log.WriteLine($"reading the embeddings made by an earlier run: {trainFile}, {testFile}");
        var (trainX, trainY) = ReadFeatures(trainFile);
        var (testX, testY) = ReadFeatures(testFile);
        var labels = trainY.Distinct().Order(StringComparer.Ordinal).ToList();
        var type = new VectorDataViewType(NumberDataViewType.Single, trainX[0].Length);
        IDataView View(float[][] x, IReadOnlyList<string> y) =>
            new TableDataView(x.Length).AddVector(Featurizers.FeaturePipeline.FeaturesColumn, x, type).AddText(Dataset.LabelColumn, y);
        log.WriteLine($"train {trainX.Length:N0} x {type.Size}, test {testX.Length:N0}, {labels.Count} classes");

        var rows = new List<HeadsSpeedRow>();
        foreach (var variant in Variants())
        {
            var repetitions = variant.Baseline ? options.BaselineRepetitions : options.Repetitions;
            if (repetitions == 0) continue;
            var fits = new List<Timing>();
            ClassificationMetrics? metrics = null;
            List<string>? first = null;
            var same = true;
            for (var i = 0; i < repetitions; i++)
            {
                var ml = new MLContext(options.Seed);
                var train = View(trainX, trainY);
                var context = new HeadTrainingContext(labels) { Seed = options.Seed };
                var (fitted, timing) = Measure.Time(() => ClassificationHead.Fit(ml, train, variant.Head, context));
                try
                {
                    var predicted = ScoredView.Read(fitted.Transform(View(testX, testY)), testY.Select((_, r) => r.ToString(CultureInfo.InvariantCulture)).ToList(),
                        "Scoring", null, default);
                    var labelsPredicted = predicted.Select(p => p.Predicted).ToList();
                    if (first is null)
                    {
                        first = labelsPredicted;
                        metrics = ClassificationMetrics.Compute(labels, testY, predicted);
                    }
                    else same &= first.SequenceEqual(labelsPredicted);
                }
                finally
                {
                    (fitted as IDisposable)?.Dispose();
                }
                fits.Add(timing);
                log.WriteLine($"  {variant.Name} #{i + 1}: fit {timing.Wall.TotalSeconds:F2} s wall, {timing.Cpu.TotalSeconds:F2} s CPU, load {timing.LoadBefore:F1} -> {timing.LoadAfter:F1}");
            }
            var row = new HeadsSpeedRow(variant, fits, metrics!, same);
            rows.Add(row);
            log.WriteLine($"{variant.Name}: median fit {row.WallMedian:F2} s wall, {row.CpuMedian:F2} s CPU; accuracy {metrics!.Accuracy:F4}{(same ? "" : "; predictions differ between repetitions")}");
        }
        return new HeadsSpeedResults(options, MachineInfo.Current(), started, watch.Elapsed, command, trainFile, testFile, type.Size, labels.Count,
            featurizing, loadAtStart, LoadAverage.Read(), rows);
    }

    /// <summary>
    /// Featurizes the first <see cref="HeadsSpeedOptions.Train"/> / <see cref="HeadsSpeedOptions.Test"/> images (spread over the
    /// classes) with ResNet18 through <see cref="FeaturizeWorkflow"/>, as <c>mlnet-transfer featurize</c> does, with an
    /// embedding cache in the features folder; returns the time taken.
    /// </summary>
    private static TimeSpan Featurize(HeadsSpeedOptions options, string trainFile, string testFile, TextWriter log)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (split, count, file) in new[] { ("train", options.Train, trainFile), ("test", options.Test, testFile) })
        {
            var folder = Path.Combine(Path.GetFullPath(options.Data), split);
            if (!Directory.Exists(folder))
                throw new MissingDataException($"Fashion-MNIST not found ('{folder}' is missing): run `bash data/fetch.sh` first.");
            var all = DatasetLoader.Load(folder);
            var classes = all.DistinctLabels.Count;
            var kept = BenchData.FirstPerClass(all, (count + classes - 1) / classes);
            if (kept.Count < count) throw new UserInputException($"'{folder}' has only {kept.Count:N0} images spread over its {classes} classes; {count:N0} asked.");
            kept = kept.Subset(Enumerable.Range(0, count).ToList());
            var images = Path.Combine(options.Features, $"{split}-{count}-images.csv");
            File.WriteAllLines(images, kept.Ids.Zip(kept.Labels!, (path, label) => $"\"{Path.GetFullPath(path)}\",{label}").Prepend("image,label"));
            log.WriteLine($"featurizing {count:N0} {split} images with resnet18 into {file} (once; later runs read the file) ...");
            var last = DateTime.UtcNow;
            FeaturizeWorkflow.Run(new FeaturizeOptions { Data = images, Out = file, CacheDir = Path.Combine(options.Features, "cache") },
                new SynchronousProgress<WorkflowProgress>(p =>
                {
                    if (DateTime.UtcNow - last < TimeSpan.FromSeconds(30) && p.Done != p.Total) return;
                    last = DateTime.UtcNow;
                    log.WriteLine($"  {p.Stage}: {p.Done:N0}/{p.Total:N0}");
                }));
        }
        return watch.Elapsed;
    }

    /// <summary>A features file of <c>featurize</c> (<c>path_or_row,label,&lt;slot&gt;…</c>): the rows and their labels.</summary>
    internal static (float[][] X, List<string> Y) ReadFeatures(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 2 } header || header[1] != "label")
            throw new UserInputException($"'{path}' is not a features file of `featurize` (path_or_row,label,<slots>).");
        var x = new List<float[]>();
        var y = new List<string>();
        while (csv.Read())
        {
            y.Add(csv.GetField(1)!);
            var row = new float[header.Length - 2];
            for (var i = 0; i < row.Length; i++) row[i] = float.Parse(csv.GetField(i + 2)!, CultureInfo.InvariantCulture);
            x.Add(row);
        }
        return (x.ToArray(), y);
    }
}
