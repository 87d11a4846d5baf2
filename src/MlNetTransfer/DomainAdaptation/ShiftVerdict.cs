namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// How far apart two domains are, from <see cref="ShiftDiagnostics"/>: the thresholds are
/// <see cref="ShiftDiagnostics.NoShiftAuc"/>, <see cref="ShiftDiagnostics.StrongShiftAuc"/> and
/// <see cref="ShiftDiagnostics.SignificanceLevel"/>.
/// </summary>
public enum ShiftVerdict
{
    /// <summary>No shift: the domain classifier's AUC is below 0.6 and the MMD permutation test is not significant (p &gt; 0.05).</summary>
    None,

    /// <summary>Mild shift: neither none nor strong (AUC from 0.6 to 0.8, or AUC below 0.6 with a significant MMD).</summary>
    Mild,

    /// <summary>Strong shift: the domain classifier's AUC is 0.8 or more.</summary>
    Strong,
}
