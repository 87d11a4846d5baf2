namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// The tests that share <see cref="ReliabilityModels"/>. They run on their own, after the parallel tests: the leak
/// tests count this process's file handles and managed memory, which other tests running at the same time would move.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityModelsCollection : ICollectionFixture<ReliabilityModels>
{
    public const string Name = "Reliability models";
}
