using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// One head a <see cref="HeadSearch"/> tries: a classification head (<see cref="Classifier"/>) or a regression head
/// (<see cref="Regressor"/>) with the settings it was built with.
/// </summary>
/// <param name="Head">The head's registry name (<c>lr</c>, <c>lightgbm</c>, …).</param>
/// <param name="Settings">Its settings in words (<c>L2=0.1</c>); empty for the head's defaults.</param>
/// <param name="Classifier">The classification head, or null for a regression candidate.</param>
/// <param name="Regressor">The regression head, or null for a classification candidate.</param>
public sealed record HeadCandidate(string Head, string Settings, IHeadTrainer? Classifier = null, IRegressionHeadTrainer? Regressor = null)
{
    /// <summary>How the leaderboard names it: the head, then its settings in parentheses when they are not the defaults.</summary>
    public string DisplayName => Settings.Length == 0 ? Head : $"{Head} ({Settings})";
}
