using System.Text.Json;

namespace MlNetTransfer.Bench;

/// <summary>
/// Which execution provider ran each node of a session, read from ONNX Runtime's profile (a JSON array of events; a node run is an
/// event of category "Node" whose <c>args</c> name its <c>op_name</c> and <c>provider</c>). This is what a session actually did,
/// not what it was asked to do: ONNX Runtime puts a node it cannot run on the asked provider on the CPU without failing.
/// </summary>
internal sealed record ProviderUse(IReadOnlyDictionary<string, int> NodeRunsByProvider, IReadOnlyDictionary<string, int> ConvRunsByProvider)
{
    public const string Cuda = "CUDAExecutionProvider";

    /// <summary>Every convolution ran on CUDA (and there was at least one).</summary>
    public bool ConvolutionsOnCuda => ConvRunsByProvider.Count == 1 && ConvRunsByProvider.ContainsKey(Cuda);

    public static ProviderUse Read(string profileJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(profileJson));
        var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var convs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in document.RootElement.EnumerateArray())
        {
            if (!e.TryGetProperty("cat", out var cat) || cat.GetString() != "Node") continue;
            if (!e.TryGetProperty("args", out var args) || !args.TryGetProperty("provider", out var provider)) continue;
            var name = provider.GetString() ?? "?";
            nodes[name] = nodes.GetValueOrDefault(name) + 1;
            var op = args.TryGetProperty("op_name", out var o) ? o.GetString() ?? "" : "";
            if (op.Contains("Conv", StringComparison.Ordinal)) convs[name] = convs.GetValueOrDefault(name) + 1;
        }
        return new ProviderUse(nodes, convs);
    }

    public override string ToString() =>
        $"node runs by provider: {Describe(NodeRunsByProvider)}; convolutions: {Describe(ConvRunsByProvider)}";

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Value} on {c.Key}"));
}
