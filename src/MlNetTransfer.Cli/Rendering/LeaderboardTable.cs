using System.Globalization;
using MlNetTransfer.Workflows;
using Spectre.Console;

namespace MlNetTransfer.Cli.Rendering;

/// <summary>Renders a head search's leaderboard: rank, candidate, cross-validated mean ± sd, the folds it rests on, fit seconds, status.</summary>
public static class LeaderboardTable
{
    /// <summary>Writes <paramref name="search"/>'s leaderboard, best first, the winner marked.</summary>
    public static void Write(IAnsiConsole console, HeadSearchResult search)
    {
        var metric = SearchMetrics.Name(search.Metric);
        var table = new Table()
            .Title($"leaderboard: {metric}, {search.Method}, {search.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s of a {search.Budget.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s budget")
            .AddColumn(new TableColumn("rank").RightAligned()).AddColumn("candidate")
            .AddColumn(new TableColumn($"{metric} (mean ± sd)").RightAligned()).AddColumn(new TableColumn("folds").RightAligned()).AddColumn(new TableColumn("fit s").RightAligned()).AddColumn("status");
        var rank = 0;
        foreach (var entry in search.Leaderboard)
        {
            var name = Markup.Escape(entry.Candidate.DisplayName);
            table.AddRow(
                entry.IsComplete ? (++rank).ToString(CultureInfo.InvariantCulture) : "",
                rank == 1 && entry.IsComplete ? $"[green]{name}[/]" : name,
                entry.FoldScores.Count == 0 ? "" : $"{F(entry.Mean)} ± {F(entry.StandardDeviation)}",
                entry.FoldScores.Count == 0 ? "" : entry.FoldScores.Count.ToString(CultureInfo.InvariantCulture),
                entry.FitSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                Markup.Escape(entry.Status));
        }
        console.Write(table);
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
