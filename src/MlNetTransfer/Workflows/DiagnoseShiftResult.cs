using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="DiagnoseShiftWorkflow.Run"/> measured and wrote.</summary>
/// <param name="Report">The measurements and the verdict.</param>
/// <param name="DriftedFeatures">The names of <see cref="ShiftReport.MostDrifted"/>, in the same order (<c>image.resnet18_37</c>, <c>Body Mass (g)</c>).</param>
/// <param name="SourceRows">Source rows measured (bad inputs left out).</param>
/// <param name="TargetRows">Target rows measured.</param>
/// <param name="Features">What the features are (<c>image.resnet18</c>).</param>
/// <param name="Picture">The PNG's full path, or null when none was asked for.</param>
public sealed record DiagnoseShiftResult(ShiftReport Report, IReadOnlyList<string> DriftedFeatures, int SourceRows, int TargetRows, string Features, string? Picture);
