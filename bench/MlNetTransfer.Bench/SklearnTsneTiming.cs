using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace MlNetTransfer.Bench;

/// <summary>
/// scikit-learn's side of the t-SNE benchmark: <c>TSNE(n_components=2, perplexity=30, early_exaggeration=12,
/// learning_rate="auto", n_iter=1000, init="pca", method="barnes_hut", angle=0.5, random_state=seed).fit_transform</c>
/// on the same float32 rows, timed in a Python process (wall clock and that process's CPU time), with its embedding
/// and scikit-learn's own trustworthiness (k = 10) of it.
/// </summary>
internal sealed record SklearnTsneTiming(string Version, double Seconds, double CpuSeconds, double Trustworthiness, float[][] Embedding)
{
    private const string Script = """
        import json, sys, time
        import numpy as np
        import sklearn
        from sklearn.manifold import TSNE, trustworthiness
        rows, dims, seed = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        x = np.fromfile(sys.argv[1], dtype=np.float32).reshape(rows, dims)
        start, start_cpu = time.perf_counter(), time.process_time()
        e = TSNE(n_components=2, perplexity=30.0, early_exaggeration=12.0, learning_rate="auto", n_iter=1000, init="pca",
                 method="barnes_hut", angle=0.5, random_state=seed).fit_transform(x)
        seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        t = trustworthiness(x, e, n_neighbors=10)
        print(json.dumps({"version": sklearn.__version__, "seconds": seconds, "cpuSeconds": cpu, "trustworthiness": float(t),
                          "embedding": [[float(v) for v in p] for p in e]}))
        """;

    /// <summary>Runs the timing on <paramref name="rows"/>, or returns null (with the reason) when <paramref name="python"/> or scikit-learn is missing.</summary>
    public static SklearnTsneTiming? Run(string python, IReadOnlyList<float[]> rows, int seed, out string? whyNot)
    {
        whyNot = null;
        if (!File.Exists(python))
        {
            whyNot = $"{python} not found";
            return null;
        }
        var data = Path.Combine(Path.GetTempPath(), $"tsne-bench-{Guid.NewGuid():N}.f32");
        try
        {
            using (var file = new BinaryWriter(File.Create(data)))
                foreach (var row in rows)
                    foreach (var v in row) file.Write(v);
            if (PythonScript.Run(python, Script, [data, I(rows.Count), I(rows[0].Length), I(seed)], out whyNot) is not { } json)
                return null;
            return new SklearnTsneTiming(
                json.GetProperty("version").GetString() ?? "?",
                json.GetProperty("seconds").GetDouble(),
                json.GetProperty("cpuSeconds").GetDouble(),
                json.GetProperty("trustworthiness").GetDouble(),
                json.GetProperty("embedding").EnumerateArray().Select(p => p.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray());
        }
        finally
        {
            File.Delete(data);
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
