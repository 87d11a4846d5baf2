namespace MlNetTransfer.Text;

/// <summary>How the count of a term in a document becomes its feature value.</summary>
public enum TextWeighting
{
    /// <summary>Term counts (scikit-learn's CountVectorizer).</summary>
    Count,

    /// <summary>Term counts times the smoothed inverse document frequency ln((1+n)/(1+df)) + 1 (scikit-learn's TfidfVectorizer).</summary>
    TfIdf,
}
