using System.Text;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>One source -> target pair of the <c>adapt</c> benchmark: how to adapt, and how the target-trained oracle is trained.</summary>
internal sealed record AdaptPair(string Name, AdaptOptions Adapt, TrainOptions Oracle);

/// <summary>One (pair, seed) run: every method's accuracy on the target rows, what auto chose, the oracle's accuracy.</summary>
internal sealed record AdaptRun(int Seed, IReadOnlyList<AdaptCandidate> Candidates, string Auto, double Oracle, int SourceRows, int TargetRows, string InputAlignment)
{
    public double? Accuracy(string method) => Candidates.FirstOrDefault(c => c.Method == method && !c.Failed)?.TargetAccuracy;
    public double AutoAccuracy => Accuracy(Auto)!.Value;
    public string Best => Candidates.Where(c => !c.Failed).MaxBy(c => c.TargetAccuracy)!.Method;
}

internal sealed record AdaptBenchResults(AdaptBenchOptions Options, MachineInfo Machine, DateTime StartedUtc, string Command,
    IReadOnlyList<(AdaptPair Pair, IReadOnlyList<AdaptRun> Runs)> Pairs, IReadOnlyList<string> Skipped, AdaptSpeed? Speed);

/// <summary>Fit time of every method on 5,000 cached 512-d embeddings (the issue's speed target), with the load average when measured.</summary>
internal sealed record AdaptSpeed(int SourceRows, int TargetRows, IReadOnlyList<AdaptCandidate> Candidates, string LoadAverage);

/// <summary>
/// The <c>adapt</c> benchmark (issue 12's evidence): for each source -> target pair and seed, <see cref="AdaptWorkflow.Run"/>
/// with <c>--method auto</c> fits every method that needs no target labels but DANN (and a second run fits DANN) and reports each one's accuracy on the target rows
/// (their labels are read only for this report, never fitted on), which one auto chose by its information-maximisation score,
/// and a target-trained oracle (<see cref="TrainWorkflow.Run"/> on 80% of the same target rows, tested on the other 20%).
/// </summary>
internal static class AdaptBenchmark
{
    /// <summary>Every method but few-shot: auto's candidates, then DANN (fitted on its own: auto leaves it out).</summary>
    private static readonly string[] Methods = [.. AdaptationMethods.AutoCandidates(targetLabeled: false), AdaptationMethods.Dann];

    public static AdaptBenchResults Run(AdaptBenchOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var work = Directory.CreateTempSubdirectory("mlnet-transfer-bench-adapt-").FullName;
        try
        {
            var (pairs, skipped) = Pairs(options, work);
            var results = new List<(AdaptPair, IReadOnlyList<AdaptRun>)>();
            foreach (var pair in pairs)
            {
                var runs = new List<AdaptRun>();
                foreach (var seed in options.Seeds)
                {
                    var adapted = AdaptWorkflow.Run(pair.Adapt with { Seed = seed, Out = Path.Combine(work, "adapted.zip") });
                    var dann = AdaptWorkflow.Run(pair.Adapt with { Seed = seed, Out = Path.Combine(work, "dann.zip"), Method = AdaptationMethods.Dann });
                    var oracle = TrainWorkflow.Run(pair.Oracle with { Seed = seed, Out = Path.Combine(work, "oracle.zip") });
                    var run = new AdaptRun(seed, [.. adapted.Candidates, .. dann.Candidates], adapted.Method, oracle.Metrics.Accuracy, adapted.SourceRows, adapted.TargetRows,
                        adapted.InputAlignments.Count == 0 ? "" : $"{AdaptWorkflow.Name(adapted.InputAlignment)} (" +
                            string.Join(", ", adapted.InputAlignments.Select(a => $"{AdaptWorkflow.Name(a.Alignment)} AUC {a.DomainClassifierAuc:F3}")) + ")");
                    runs.Add(run);
                    log.WriteLine($"{pair.Name}, seed {seed}: " + string.Join(", ", run.Candidates.Select(AdaptWorkflow.Describe)) +
                                  $"; auto chose {run.Auto}; oracle {run.Oracle:F4}" +
                                  (run.InputAlignment.Length > 0 ? $"; input alignment {run.InputAlignment}" : ""));
                }
                results.Add((pair, runs));
            }
            var speed = Speed(options, work, log);
            if (speed is null) skipped.Add("the speed row: the Fashion-MNIST shifts are missing");
            return new AdaptBenchResults(options, MachineInfo.Current(), started, command, results, skipped, speed);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Every method's fit time on 5,000 cached ResNet18 embeddings: 2,000 labeled source rows (the source images and the
    /// inverted test images) and 3,000 target rows (the low-contrast target and test images), listed in CSVs; no input
    /// alignment (only the methods are timed). Null when the shifts are missing.
    /// </summary>
    private static AdaptSpeed? Speed(AdaptBenchOptions o, string work, TextWriter log)
    {
        var shifts = Path.GetFullPath(o.Shifts);
        string[] sourceFolders = [Path.Combine(shifts, "source"), Path.Combine(shifts, "inverted", "test")];
        string[] targetFolders = [Path.Combine(shifts, "low-contrast", "target"), Path.Combine(shifts, "low-contrast", "test")];
        if (!sourceFolders.Concat(targetFolders).All(Directory.Exists)) return null;
        string Csv(string name, string[] folders)
        {
            var path = Path.Combine(work, name);
            File.WriteAllLines(path, folders.SelectMany(f => Directory.GetDirectories(f).Order(StringComparer.Ordinal)
                .SelectMany(c => Directory.GetFiles(c, "*.png").Order(StringComparer.Ordinal).Select(i => $"\"{i}\",{Path.GetFileName(c)}"))).Prepend("image,label"));
            return path;
        }
        var options = new AdaptOptions
        {
            Features = new FeaturizeOptions { Data = Csv("speed-source.csv", sourceFolders), CacheDir = o.CacheDir },
            Target = Csv("speed-target.csv", targetFolders), InputAlignment = DomainAdaptation.InputAlignment.None,
            Trainer = HeadRegistry.Default.Get(o.Trainer), Out = Path.Combine(work, "speed.zip"),
        };
        var load = File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        var auto = AdaptWorkflow.Run(options);
        var dann = AdaptWorkflow.Run(options with { Method = AdaptationMethods.Dann });
        var speed = new AdaptSpeed(auto.SourceRows, auto.TargetRows, [.. auto.Candidates, .. dann.Candidates], load);
        log.WriteLine($"speed ({speed.SourceRows} + {speed.TargetRows} rows, load {load}): " + string.Join(", ", speed.Candidates.Select(c => $"{c.Method} {c.Seconds:F1} s")));
        return speed;
    }

    private static (List<AdaptPair> Pairs, List<string> Skipped) Pairs(AdaptBenchOptions o, string work)
    {
        var pairs = new List<AdaptPair>();
        var skipped = new List<string>();
        var trainer = HeadRegistry.Default.Get(o.Trainer);
        var shifts = Path.GetFullPath(o.Shifts);
        foreach (var shift in new[] { "geometric", "inverted", "low-contrast" })
        {
            var target = Path.Combine(shifts, shift, "target");
            if (!Directory.Exists(Path.Combine(shifts, "source")) || !Directory.Exists(target))
            {
                skipped.Add($"Fashion-MNIST -> {shift}: '{target}' is missing (run `bash data/fetch.sh` then `/usr/bin/python3 data/fashion_mnist_shifts.py --src data/fashion-mnist --out {o.Shifts}`)");
                continue;
            }
            pairs.Add(new AdaptPair($"Fashion-MNIST -> {shift} (resnet18)",
                new AdaptOptions { Features = new FeaturizeOptions { Data = Path.Combine(shifts, "source"), CacheDir = o.CacheDir }, Target = target, Method = AdaptationMethods.Auto, Trainer = trainer },
                new TrainOptions { Data = target, Trainer = trainer, CacheDir = o.CacheDir }));
        }
        var spam = Path.GetFullPath(o.Spam);
        if (File.Exists(Path.Combine(spam, "older-train.csv")) && File.Exists(Path.Combine(spam, "newer.csv")))
        {
            FeaturizeOptions Text(string data) => new() { Data = data, Label = "label", IgnoreColumns = ["id", "group"], TextFeaturizers = ["minilm"], CacheDir = o.CacheDir };
            var newer = Path.Combine(spam, "newer.csv");
            var text = Text(Path.Combine(spam, "older-train.csv"));
            pairs.Add(new AdaptPair("SpamAssassin older -> newer (minilm)",
                new AdaptOptions { Features = text, Target = newer, Method = AdaptationMethods.Auto, Trainer = trainer },
                new TrainOptions { Data = newer, Label = "label", IgnoreColumns = ["id", "group"], TextFeaturizers = ["minilm"], Trainer = trainer, CacheDir = o.CacheDir }));
        }
        else skipped.Add($"SpamAssassin older -> newer: '{spam}' has no older-train.csv and newer.csv (run `bash data/fetch_spam_assassin.sh {o.Spam}`)");
        var weather = Path.GetFullPath(o.Weather);
        if (File.Exists(weather))
        {
            // One CSV per city, without the location column: the same four measurements and weather labels, another climate.
            var lines = File.ReadAllLines(weather);
            string City(string name)
            {
                var path = Path.Combine(work, name.Replace(' ', '-').ToLowerInvariant() + ".csv");
                File.WriteAllLines(path, lines.Take(1).Concat(lines.Skip(1).Where(l => l.StartsWith(name + ",", StringComparison.Ordinal))).Select(l => l[(l.IndexOf(',') + 1)..]));
                return path;
            }
            var (seattle, newYork) = (City("Seattle"), City("New York"));
            FeaturizeOptions Weather(string data) => new() { Data = data, Label = "weather", IgnoreColumns = ["date"] };
            pairs.Add(new AdaptPair("Weather Seattle -> New York (4 numeric columns)",
                new AdaptOptions { Features = Weather(seattle), Target = newYork, Method = AdaptationMethods.Auto, Trainer = trainer },
                new TrainOptions { Data = newYork, Label = "weather", IgnoreColumns = ["date"], Trainer = trainer }));
        }
        else skipped.Add($"Weather Seattle -> New York: '{weather}' is missing (`npm pack vega-datasets@3.2.1`, untar, copy package/data/weather.csv there)");
        return (pairs, skipped);
    }

    public static string Title => "## Domain adaptation — every method on real shifts, chosen without target labels (issue 12)";

    private static string[] Columns => ["pair", .. Methods, "auto (its pick)", "oracle"];

    private static string MeanSd(IEnumerable<double> values)
    {
        var v = values.ToList();
        if (v.Count == 0) return "-";
        var mean = v.Average();
        var sd = v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1)) : 0;
        return v.Count > 1 ? $"{mean:F3} ± {sd:F3}" : $"{mean:F3}";
    }

    private static IEnumerable<string[]> Rows(AdaptBenchResults r) => r.Pairs.Select(p => (string[])
    [
        p.Pair.Name,
        .. Methods.Select(m => MeanSd(p.Runs.Select(run => run.Accuracy(m)).OfType<double>())),
        MeanSd(p.Runs.Select(run => run.AutoAccuracy)) + " (" + string.Join(", ", p.Runs.Select(run => run.Auto).Distinct()) + ")",
        MeanSd(p.Runs.Select(run => run.Oracle)),
    ]);

    public static string ConsoleTable(AdaptBenchResults r)
    {
        var rows = Rows(r).Prepend(Columns).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(x => x[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows) text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return text.ToString();
    }

    public static string Section(AdaptBenchResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title).AppendLine();
        s.AppendLine($"Measured {r.StartedUtc:yyyy-MM-dd HH:mm} UTC on {r.Machine.Describe()}.").AppendLine();
        s.AppendLine("```bash").AppendLine(r.Command).AppendLine("```").AppendLine();
        s.AppendLine($"`AdaptWorkflow.Run` with `--method auto` (what `mlnet-transfer adapt --method auto --trainer {r.Options.Trainer}` runs) on each pair, seeds " +
                     $"{string.Join(", ", r.Options.Seeds)}: every method is fitted on the labeled source and the unlabeled target rows; the cell is its accuracy on " +
                     "those target rows (their labels are read for this table only, never fitted on; the transductive protocol of SKADA-Bench), mean ± sd over the seeds. " +
                     "*auto*: the method with the highest information-maximisation score H(mean p) − mean H(p) on the target, chosen without target labels among every method but DANN (fitted separately; see below), and its accuracy. " +
                     "*oracle*: the same head trained on 80% of the target rows with their labels, tested on the other 20% (`train --data <target>`).");
        s.AppendLine();
        s.AppendLine("| " + string.Join(" | ", Columns) + " |");
        s.AppendLine("|---|" + string.Concat(Columns.Skip(1).Select(_ => "---:|")));
        foreach (var row in Rows(r)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        s.AppendLine();
        var runs = r.Pairs.SelectMany(p => p.Runs).ToList();
        if (runs.Count > 0)
        {
            var best = runs.Count(run => run.Auto == run.Best);
            var close = runs.Count(run => run.AutoAccuracy >= run.Accuracy(run.Best)!.Value - 0.02);
            var beatNone = runs.Count(run => run.AutoAccuracy > run.Accuracy("none")!.Value);
            s.AppendLine($"How auto chose, over {runs.Count} runs: it picked the truly best method {best} times, one within 2 points of the best {close} times, " +
                         $"and beat source-only {beatNone} times.").AppendLine();
        }
        s.AppendLine("Fit time per method (s, mean over seeds; rows = source + target):").AppendLine();
        foreach (var (pair, pairRuns) in r.Pairs)
            s.AppendLine($"- {pair.Name} ({pairRuns[0].SourceRows} + {pairRuns[0].TargetRows} rows): " +
                         string.Join(", ", Methods.Select(m => $"{m} {pairRuns.SelectMany(x => x.Candidates).Where(c => c.Method == m).Select(c => c.Seconds).DefaultIfEmpty().Average():F1}")));
        foreach (var (pair, pairRuns) in r.Pairs.Where(p => p.Runs[0].InputAlignment.Length > 0))
            s.AppendLine($"- {pair.Name}: input alignment of the source images kept {pairRuns[0].InputAlignment}.");
        foreach (var pair in r.Pairs)
            s.AppendLine($"- {pair.Pair.Name}, per seed (auto's pick / best): " + string.Join("; ", pair.Runs.Select(run => $"seed {run.Seed}: {run.Auto} / {run.Best}")));
        if (r.Speed is { } speed)
        {
            var slow = speed.Candidates.Where(c => c.Seconds >= (c.Method == AdaptationMethods.Dann ? 60 : 10)).ToList();
            s.AppendLine($"- Speed target (every method but DANN under 10 s, DANN under 60 s, on 5,000 cached 512-d embeddings, 2 cores): " +
                         $"{speed.SourceRows} source + {speed.TargetRows} target ResNet18 embeddings (Fashion-MNIST source and inverted test images; low-contrast target and test images), " +
                         $"load average {speed.LoadAverage} when it started: " + string.Join(", ", speed.Candidates.Select(c => $"{c.Method} {c.Seconds:F1} s")) +
                         $" — {(slow.Count == 0 ? "**met**" : $"**missed** by {string.Join(", ", slow.Select(c => c.Method))}")}.");
        }
        foreach (var skip in r.Skipped) s.AppendLine($"- Left out: {skip}.");
        return s.ToString();
    }
}
