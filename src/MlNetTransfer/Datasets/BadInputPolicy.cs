namespace MlNetTransfer.Datasets;

/// <summary>What a run does with an example it cannot read (an undecodable, truncated, empty or missing image).</summary>
public enum BadInputPolicy
{
    /// <summary>Stop before any backbone runs, naming the first bad input and how many there are (the default).</summary>
    Fail,

    /// <summary>Leave bad inputs out of training, evaluation and featurizing, list them in a report file; predict writes an error row for each.</summary>
    Skip,
}
