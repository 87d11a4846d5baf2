namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="FeaturizeWorkflow.Featurize"/> did.</summary>
/// <param name="Path">The features file's full path.</param>
/// <param name="Rows">How many rows of features the file holds (for <c>--shard</c>, the shard's).</param>
/// <param name="AlreadyComplete">
/// True when nothing was written: a re-run of <c>--shard</c> found the file already holding exactly this shard's rows by
/// this featurizer, and left it as it was. False when the file was written.
/// </param>
/// <param name="Shard">The shard featurized (<c>i/n</c>), or null for the whole data set.</param>
public sealed record FeaturizeResult(string Path, int Rows, bool AlreadyComplete, ShardSpec? Shard = null);
