namespace MlNetTransfer.Charts;

/// <summary>One series of a <see cref="BarChart"/>: a value per category, with optional ± error whiskers.</summary>
/// <param name="Label">The legend entry (shown when a chart has more than one series).</param>
/// <param name="Values">One value per category, in the chart's category order.</param>
/// <param name="Errors">One half-width per category for ± whiskers (a standard deviation, say); null: none.</param>
public sealed record BarSeries(string Label, IReadOnlyList<double> Values, IReadOnlyList<double>? Errors = null);
