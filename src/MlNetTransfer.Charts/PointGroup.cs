namespace MlNetTransfer.Charts;

/// <summary>One legend entry of a <see cref="ScatterChart"/>: points drawn in one colour.</summary>
/// <param name="Label">The legend text (a class label, a domain name).</param>
/// <param name="X">Horizontal coordinates, one per point.</param>
/// <param name="Y">Vertical coordinates, as many as <paramref name="X"/>.</param>
public sealed record PointGroup(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);
