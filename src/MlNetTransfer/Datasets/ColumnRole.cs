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
}
