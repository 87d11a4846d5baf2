namespace MlNetTransfer.FeatureSpace;

/// <summary>How <see cref="Tsne"/> computes the gradient of its objective.</summary>
public enum TsneMethod
{
    /// <summary><see cref="Exact"/> for at most <see cref="Tsne.AutoExactMaxRows"/> rows, <see cref="BarnesHut"/> above.</summary>
    Auto,

    /// <summary>Every pair of rows, O(n²) time and memory per iteration (scikit-learn's <c>method="exact"</c>).</summary>
    Exact,

    /// <summary>
    /// Attraction over the 3·perplexity nearest neighbours and repulsion approximated by a quadtree (van der Maaten 2014,
    /// "Accelerating t-SNE using tree-based algorithms", JMLR 15), O(n log n) per iteration (scikit-learn's default).
    /// </summary>
    BarnesHut,
}
