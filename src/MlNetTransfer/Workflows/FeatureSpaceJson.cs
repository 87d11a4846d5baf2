using System.Text.Json.Nodes;
using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Workflows;

/// <summary>Adds a feature-space step's report to the metrics JSON: an object under the report's key (<c>"pca": {"components": 21, …}</c>).</summary>
internal static class FeatureSpaceJson
{
    /// <summary><paramref name="metricsJson"/> (a JSON object) with <paramref name="report"/>'s values under its key; unchanged when there is no report.</summary>
    public static string Add(string metricsJson, FeatureSpaceReport? report)
    {
        if (report is null) return metricsJson;
        var root = JsonNode.Parse(metricsJson)?.AsObject() ?? throw new InvalidOperationException("The metrics JSON is not an object.");
        var values = new JsonObject();
        foreach (var (name, value) in report.Values) values[name] = value;
        root[report.Key] = values;
        return root.ToJsonString(JsonDefaults.Options);
    }
}
