namespace MlNetTransfer.Datasets;

/// <summary>One example a run could not read: its row id, the column, the file and what is wrong with it.</summary>
public sealed record BadInput(int Row, string Id, string Column, string Path, string Problem)
{
    /// <summary>One line naming the row (for CSV data), the file and the problem.</summary>
    public string Describe(Dataset dataset) =>
        (Id == Path ? "" : $"'{dataset.Source}' row {Id}, column '{Column}': ") + $"could not read image '{Path}': {Problem}";
}
