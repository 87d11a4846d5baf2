namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="PlotWorkflow.Run"/> wrote.</summary>
/// <param name="Picture">The PNG's full path.</param>
/// <param name="Coordinates">The coordinates CSV's full path.</param>
/// <param name="Points">How many points the map has (every row of both data sets, bad inputs left out).</param>
/// <param name="Groups">The legend: one entry per colour (labels, label ranges, or domains), in drawing order.</param>
public sealed record PlotResult(string Picture, string Coordinates, int Points, IReadOnlyList<string> Groups);
