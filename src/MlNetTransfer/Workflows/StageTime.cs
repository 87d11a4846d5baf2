namespace MlNetTransfer.Workflows;

/// <summary>How long one stage of a workflow took: from its first progress report to the first report of the next stage (the last: to the end).</summary>
/// <param name="Stage">The stage's name as reported (<c>Featurizing training data</c>, <c>Trying lr</c>, …).</param>
/// <param name="Seconds">Wall-clock seconds.</param>
public sealed record StageTime(string Stage, double Seconds);
