using System.Text.Json.Nodes;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Adds a head search to the metrics JSON: <c>"leaderboard"</c>, the candidates best first (<c>rank</c> for complete ones,
/// <c>candidate</c>, <c>head</c>, <c>options</c>, <c>metric</c>, <c>cvMean</c>, <c>cvSd</c>, <c>foldScores</c>,
/// <c>fitSeconds</c>, <c>status</c>), and <c>"search"</c> (<c>metric</c>, <c>folds</c>, <c>budgetSeconds</c>,
/// <c>searchSeconds</c>, <c>winner</c>). Non-finite numbers are written as null.
/// </summary>
internal static class LeaderboardJson
{
    /// <summary><paramref name="metricsJson"/> (a JSON object) with the search's fields; unchanged without a search.</summary>
    public static string Add(string metricsJson, HeadSearchResult? search)
    {
        if (search is null) return metricsJson;
        var root = JsonNode.Parse(metricsJson)?.AsObject() ?? throw new InvalidOperationException("The metrics JSON is not an object.");
        var board = new JsonArray();
        var rank = 0;
        foreach (var entry in search.Leaderboard)
        {
            var scores = new JsonArray();
            foreach (var score in entry.FoldScores) scores.Add(Number(score));
            board.Add(new JsonObject
            {
                ["rank"] = entry.IsComplete ? ++rank : null,
                ["candidate"] = entry.Candidate.DisplayName,
                ["head"] = entry.Candidate.Head,
                ["options"] = entry.Candidate.Settings,
                ["metric"] = SearchMetrics.Name(search.Metric),
                ["cvMean"] = Number(entry.Mean),
                ["cvSd"] = Number(entry.StandardDeviation),
                ["foldScores"] = scores,
                ["fitSeconds"] = Math.Round(entry.FitSeconds, 3),
                ["status"] = entry.Status,
            });
        }
        root["leaderboard"] = board;
        root["search"] = new JsonObject
        {
            ["metric"] = SearchMetrics.Name(search.Metric),
            ["folds"] = search.Folds,
            ["budgetSeconds"] = search.Budget.TotalSeconds,
            ["searchSeconds"] = Math.Round(search.Seconds, 3),
            ["winner"] = search.Winner.DisplayName,
        };
        return root.ToJsonString(JsonDefaults.Options);
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
