namespace MlNetTransfer.Workflows;

/// <summary>How <see cref="PlotWorkflow"/> maps features to two dimensions.</summary>
public enum MapMethod
{
    /// <summary>t-SNE (van der Maaten &amp; Hinton 2008; Barnes-Hut for large n), as scikit-learn 1.2's <c>TSNE</c>: neighbourhoods kept, distances between clusters not meaningful.</summary>
    Tsne,

    /// <summary>The first two principal components (exact PCA, as scikit-learn's <c>PCA</c>): a linear projection, distances comparable.</summary>
    Pca,
}
