namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// A linear domain-adaptation method that needs no labels: from source rows and target rows it learns one
/// <see cref="AffineMap"/> per domain, such that a head trained on mapped source rows suits mapped target rows
/// (per-domain standardisation, CORAL, subspace alignment). The source map is applied in memory for training; the target
/// map is saved in the zip (the saved model predicts on target-domain inputs).
/// </summary>
public interface IFeatureAlignment
{
    /// <summary>The method's name as the CLI spells it (<c>coral</c>), with its settings when not the defaults (<c>coral(eps=10)</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Learns the two maps from <paramref name="source"/> (n_s rows of d floats) and <paramref name="target"/> (n_t rows
    /// of d floats). A <see cref="UserInputException"/> for too few rows or too many features for the method, naming them.
    /// </summary>
    FittedAlignment Fit(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target);
}
