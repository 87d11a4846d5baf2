namespace MlNetTransfer.FeatureSpace;

/// <summary>Where <see cref="Tsne"/> starts the embedding.</summary>
public enum TsneInitialization
{
    /// <summary>
    /// The first two principal components (<see cref="PrincipalComponents"/>), scaled so the first has standard deviation
    /// 1e-4, as scikit-learn ≥ 1.2 does (<c>pca / std(pca[:, 0]) * 1e-4</c>); needs 2 features or more. Deterministic.
    /// </summary>
    Pca,

    /// <summary>1e-4 · standard normal values drawn from <see cref="TsneOptions.Seed"/> (scikit-learn's <c>init="random"</c>).</summary>
    Random,
}
