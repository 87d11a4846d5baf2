using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>A data column a features file's featurizer read: its name and role (<see cref="FeaturizerRecord.Columns"/>).</summary>
/// <param name="Name">The column's name (<c>ImagePath</c> for a class-folder tree).</param>
/// <param name="Role">Its role.</param>
internal sealed record RecordedColumn(string Name, ColumnRole Role);
