using System.Diagnostics;
using System.Text.Json;

namespace MlNetTransfer.Bench;

/// <summary>
/// scikit-learn's side of the TF-IDF benchmark: <c>TfidfVectorizer().fit_transform</c> on the CSV's text column,
/// timed in a Python process (wall clock and that process's CPU time per run), with the matrix's shape, stored
/// non-zeros and sum for the same-matrix check.
/// </summary>
internal sealed record SklearnTfidfTiming(string Version, int Rows, int Columns, long NonZeros, double Sum, double[] Seconds, double[] CpuSeconds)
{
    private const string Script = """
        import csv, json, sys, time
        import sklearn
        from sklearn.feature_extraction.text import TfidfVectorizer
        csv.field_size_limit(sys.maxsize)
        with open(sys.argv[1], newline="", encoding="utf-8") as f:
            texts = [r["text"] for r in csv.DictReader(f)]
        seconds, cpu = [], []
        for _ in range(int(sys.argv[2])):
            start, start_cpu = time.perf_counter(), time.process_time()
            matrix = TfidfVectorizer().fit_transform(texts)
            seconds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(json.dumps({"version": sklearn.__version__, "rows": matrix.shape[0], "columns": matrix.shape[1],
                          "nonZeros": int(matrix.nnz), "sum": float(matrix.sum()), "seconds": seconds, "cpuSeconds": cpu}))
        """;

    /// <summary>Runs the timing, or returns null (with the reason) when <paramref name="python"/> or scikit-learn is missing.</summary>
    public static SklearnTfidfTiming? Run(string python, string csv, int repetitions, out string? whyNot)
    {
        whyNot = null;
        if (!File.Exists(python))
        {
            whyNot = $"{python} not found";
            return null;
        }
        if (PythonScript.Run(python, Script, [Path.GetFullPath(csv), repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture)], out whyNot) is not { } json)
            return null;
        return new SklearnTfidfTiming(
            json.GetProperty("version").GetString() ?? "?",
            json.GetProperty("rows").GetInt32(),
            json.GetProperty("columns").GetInt32(),
            json.GetProperty("nonZeros").GetInt64(),
            json.GetProperty("sum").GetDouble(),
            json.GetProperty("seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            json.GetProperty("cpuSeconds").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }
}
