using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="AdaptWorkflow.Run"/> fitted, chose and wrote.</summary>
/// <param name="ModelPath">The saved zip's full path.</param>
/// <param name="Method">The method saved in the zip.</param>
/// <param name="Candidates">Every method fitted, in order (one unless <c>--method auto</c>).</param>
/// <param name="SourceRows">Labeled source rows trained on.</param>
/// <param name="TargetRows">Target rows adapted to.</param>
/// <param name="TargetLabeledRows">Labeled target rows used (few-shot); 0 for none.</param>
/// <param name="TargetTest">The saved zip's metrics on the target test data, or null when none was given.</param>
/// <param name="Skipped">Unreadable inputs left out (with <c>--on-bad-input skip</c>).</param>
/// <param name="InputAlignments">
/// The input-space alignments of the source images tried, each with the domain-classifier AUC between its source
/// features and the target's (lower: closer); the kept one is <see cref="InputAlignment"/>. Empty for data without images.
/// </param>
/// <param name="InputAlignment">The input-space alignment the source images were trained with.</param>
public sealed record AdaptResult(string ModelPath, string Method, IReadOnlyList<AdaptCandidate> Candidates, int SourceRows, int TargetRows,
    int TargetLabeledRows, ClassificationMetrics? TargetTest, IReadOnlyList<BadInput> Skipped,
    IReadOnlyList<(InputAlignment Alignment, double DomainClassifierAuc)> InputAlignments, InputAlignment InputAlignment)
{
    /// <summary>The chosen method's candidate entry.</summary>
    public AdaptCandidate Chosen => Candidates.First(c => c.Method == Method && !c.Failed);
}
