namespace MlNetTransfer.Workflows;

/// <summary>One method <see cref="AdaptWorkflow"/> fitted, and how it scored on the target.</summary>
/// <param name="Method">The method's name (<c>coral</c>).</param>
/// <param name="InformationMaximization">
/// Its information-maximisation score on the unlabeled target rows, H(mean p) − mean H(p) in nats (higher: confident
/// and class-balanced predictions); what <c>--method auto</c> ranks by. Null when the method failed.
/// </param>
/// <param name="TargetAccuracy">Its accuracy on the target rows when the target has labels (reported only, never used to choose); else null.</param>
/// <param name="Seconds">Time to fit it.</param>
/// <param name="Summary">What it did, in one sentence, or why it failed.</param>
/// <param name="Failed">True when the method could not be fitted on this data (<see cref="Summary"/> says why).</param>
public sealed record AdaptCandidate(string Method, double? InformationMaximization, double? TargetAccuracy, double Seconds, string Summary, bool Failed = false);
