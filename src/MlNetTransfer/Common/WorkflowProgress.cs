namespace MlNetTransfer.Common;

/// <summary>
/// Progress of one stage of a workflow; <see cref="Total"/> is 0 when the amount of work is unknown. <see cref="Detail"/>
/// is a line worth showing as it comes (an MLP epoch's losses, say).
/// </summary>
public sealed record WorkflowProgress(string Stage, int Done, int Total, string? Detail = null);
