using Microsoft.ML.Data;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// A fitted part that computes its rows on the training path without running its saved steps row by row (the text
/// vectorizer counts terms straight from its fitted model). Its rows must equal the saved steps' (tested per kind).
/// </summary>
public interface IDirectFeatureRows
{
    /// <summary>
    /// The part's rows over <paramref name="data"/>: one vector per row, each of the part's size (sparse where the part
    /// is sparse). <paramref name="isFittedData"/>: <paramref name="data"/> is the dataset the part was fitted on.
    /// </summary>
    VBuffer<float>[] Rows(Dataset data, bool isFittedData);
}
