namespace MlNetTransfer.FeatureSpace;

/// <summary>A symmetric sparse P in CSR form: row i's entries are <see cref="Columns"/>/<see cref="Values"/>[RowStart[i]..RowStart[i + 1]), columns ascending.</summary>
internal sealed record SparseAffinities(int[] RowStart, int[] Columns, double[] Values);
