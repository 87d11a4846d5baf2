using System.Globalization;
using System.Text;
using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Bench;

/// <summary>
/// The <c>tsne</c> command: <see cref="Tsne.Fit"/> (Barnes-Hut, scikit-learn's default options) against scikit-learn's
/// <c>TSNE(method="barnes_hut")</c> on the same generated rows, in the same run: wall clock, CPU time and the
/// trustworthiness (k = 10) of each embedding, by scikit-learn and by <see cref="Trustworthiness"/>.
/// </summary>
internal static class TsneBenchmark
{
    public static TsneResults Run(TsneBenchOptions options, string command, TextWriter log)
    {
        var rows = Clusters(options);
        log.WriteLine($"{rows.Count:N0} rows of {options.Dimensions} floats in {options.Clusters} Gaussian clusters (seed {options.Seed})");
        var load = LoadAverage.Read();
        var tsneOptions = new TsneOptions { Method = TsneMethod.BarnesHut, Seed = options.Seed };
        var (run, ours) = Measure.Time(() => Tsne.Run(rows, tsneOptions, default));
        log.WriteLine($"ours: {ours.Wall.TotalSeconds:F1} s wall, {ours.Cpu.TotalSeconds:F1} s CPU, {run.LastIteration + 1} iterations, KL {run.KlDivergence:F4}");
        var trust = Trustworthiness.Compute(rows, run.Embedding, 10);
        log.WriteLine($"ours: trustworthiness {trust:F4}");

        log.WriteLine($"scikit-learn: {options.Python} ...");
        var sklearn = SklearnTsneTiming.Run(options.Python, rows, options.Seed, out var whyNot);
        if (sklearn is null) log.WriteLine($"scikit-learn skipped: {whyNot}");
        var sklearnTrust = sklearn is null ? (double?)null : Trustworthiness.Compute(rows, sklearn.Embedding, 10);
        return new TsneResults(options, command, MachineInfo.Current(), load, ours, run.LastIteration + 1, trust, sklearn, sklearnTrust, whyNot);
    }

    /// <summary>
    /// Structured random rows: a latent point z = centre of its cluster (N(0, 3²) per latent coordinate) + N(0, 1) in 10
    /// dimensions, mapped by a fixed random matrix (N(0, 1/10)) to <see cref="TsneBenchOptions.Dimensions"/>, plus N(0, 0.5²) noise.
    /// </summary>
    internal static List<float[]> Clusters(TsneBenchOptions options)
    {
        const int latent = 10;
        var random = new Random(options.Seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var centres = Enumerable.Range(0, options.Clusters).Select(_ => Enumerable.Range(0, latent).Select(_ => 3 * Normal()).ToArray()).ToArray();
        var map = Enumerable.Range(0, options.Dimensions).Select(_ => Enumerable.Range(0, latent).Select(_ => Normal() / Math.Sqrt(latent)).ToArray()).ToArray();
        var rows = new List<float[]>(options.Rows);
        for (var r = 0; r < options.Rows; r++)
        {
            var centre = centres[r % options.Clusters];
            var z = centre.Select(c => c + Normal()).ToArray();
            rows.Add(map.Select(m => (float)(m.Zip(z, (a, b) => a * b).Sum() + 0.5 * Normal())).ToArray());
        }
        return rows;
    }

    public static string Title => "## t-SNE";

    public static string ConsoleTable(TsneResults r)
    {
        var s = new StringBuilder();
        foreach (var line in Rows(r)) s.AppendLine(string.Join("  ", line.Select((c, i) => i == 0 ? c.PadRight(40) : c.PadLeft(16))));
        s.AppendLine(Verdict(r));
        return s.ToString();
    }

    public static string Section(TsneResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title).AppendLine();
        s.AppendLine($"`Tsne.Fit` (Barnes-Hut, theta 0.5, perplexity 30, early exaggeration 12 for 250 iterations, learning rate auto, "
            + $"1,000 iterations, PCA initialisation) against scikit-learn's `TSNE(method=\"barnes_hut\")` with the same options, "
            + $"on {r.Options.Rows:N0} rows of {r.Options.Dimensions} floats ({r.Options.Clusters} Gaussian clusters in a 10-d latent space, "
            + $"mapped linearly and with noise; seed {r.Options.Seed}). One run each, in the same process run; wall clock and CPU time (all threads) "
            + "of the whole fit (neighbours, affinities, initialisation, descent). Trustworthiness (k = 10) of each embedding by scikit-learn "
            + "and by `Trustworthiness.Compute`.").AppendLine();
        var rows = Rows(r);
        s.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
        s.AppendLine("|" + string.Join("|", rows[0].Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows.Skip(1)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        s.AppendLine().AppendLine(Verdict(r)).AppendLine();
        s.AppendLine($"Machine: {r.Machine.Describe()}. Load average before: {r.Load?.ToString() ?? "n/a"} (a shared machine: CPU time is the steadier figure).").AppendLine();
        s.AppendLine("Command: `" + r.Command + "`");
        return s.ToString();
    }

    private static List<string[]> Rows(TsneResults r)
    {
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var rows = new List<string[]>
        {
            new[] { "", "wall", "CPU", "iterations", "trust. (ours)", "trust. (sklearn)" },
            new[] { "MlNetTransfer Tsne.Fit", F(r.Ours.Wall.TotalSeconds, "F1") + " s", F(r.Ours.Cpu.TotalSeconds, "F1") + " s", F(r.OursIterations, "F0"), F(r.OursTrustworthiness, "F4"), "" },
        };
        if (r.Sklearn is { } k)
        {
            rows.Add([$"scikit-learn {k.Version} TSNE", F(k.Seconds, "F1") + " s", F(k.CpuSeconds, "F1") + " s", "", F(r.SklearnTrustworthinessOurs!.Value, "F4"), F(k.Trustworthiness, "F4")]);
            rows.Add(["ratio (scikit-learn / ours)", F(r.Ratio!.Value, "F2") + "x", F(k.CpuSeconds / r.Ours.Cpu.TotalSeconds, "F2") + "x", "", "", ""]);
        }
        return rows;
    }

    private static string Verdict(TsneResults r)
    {
        var seconds = r.Ours.Wall.TotalSeconds;
        var fast = seconds < TsneResults.TargetSeconds ? $"**met** ({seconds:F1} s)" : $"**not met** ({seconds:F1} s)";
        var faster = r.Ratio is { } ratio
            ? (ratio > 1 ? $"**met** ({ratio:F2}x)" : $"**not met** ({ratio:F2}x)")
            : $"not measured (scikit-learn skipped: {r.SklearnMissing})";
        var quality = r.SklearnTrustworthinessOurs is { } theirs
            ? $"; trustworthiness {r.OursTrustworthiness:F4} against scikit-learn's {theirs:F4} (difference {r.OursTrustworthiness - theirs:+0.0000;-0.0000})"
            : "";
        return $"Targets: under {TsneResults.TargetSeconds:F0} s: {fast}; faster than scikit-learn: {faster}{quality}.";
    }
}
