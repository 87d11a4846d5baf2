namespace MlNetTransfer.Datasets;

/// <summary>What a dataset column is used for.</summary>
public enum ColumnRole
{
    /// <summary>Paths of image files, embedded by image backbones.</summary>
    Image,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>Numbers; empty cells are missing values.</summary>
    Numeric,

    /// <summary>
    /// A few distinct short values (a city, a type, a zip code): one-hot encoded, one slot per value seen in training; an
    /// empty cell (a missing category) or a value not seen in training is all zeros.
    /// </summary>
    Categorical,

    /// <summary>
    /// A series: a text cell of numbers separated by ';' (or spaces), or a group of numeric columns read together as one
    /// series (<see cref="DatasetColumn.Group"/>); featurized by stats / fft / wavelet (<c>Series/</c>). Only when named.
    /// </summary>
    Series,
}
