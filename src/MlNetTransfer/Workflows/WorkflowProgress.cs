namespace MlNetTransfer.Workflows;

/// <summary>Progress of one stage of a workflow; <see cref="Total"/> is 0 when the amount of work is unknown.</summary>
public sealed record WorkflowProgress(string Stage, int Done, int Total);
