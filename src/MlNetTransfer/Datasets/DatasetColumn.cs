namespace MlNetTransfer.Datasets;

/// <summary>One feature column of a <see cref="Dataset"/>: its raw text values, and parsed numbers for numeric columns.</summary>
public sealed record DatasetColumn(string Name, ColumnRole Role, IReadOnlyList<string> Values, IReadOnlyList<float>? Numbers = null)
{
    /// <summary>
    /// For a <see cref="ColumnRole.Series"/> column that is one value of a series spread over several numeric columns: the
    /// group's name as given (<c>s*</c>, <c>s1,s2,s3</c>), shared by its columns in series order; null otherwise.
    /// </summary>
    public string? Group { get; init; }
}
