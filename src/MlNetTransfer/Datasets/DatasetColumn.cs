namespace MlNetTransfer.Datasets;

/// <summary>One feature column of a <see cref="Dataset"/>: its raw text values, and parsed numbers for numeric columns.</summary>
public sealed record DatasetColumn(string Name, ColumnRole Role, IReadOnlyList<string> Values, IReadOnlyList<float>? Numbers = null);
