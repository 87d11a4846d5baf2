namespace MlNetTransfer.Charts;

/// <summary>A straight dashed line drawn over a <see cref="ScatterChart"/> (e.g. y = x on a predicted-vs-actual plot).</summary>
/// <param name="Label">The legend text.</param>
/// <param name="X1">Start, horizontal.</param>
/// <param name="Y1">Start, vertical.</param>
/// <param name="X2">End, horizontal.</param>
/// <param name="Y2">End, vertical.</param>
public sealed record ReferenceLine(string Label, double X1, double Y1, double X2, double Y2);
