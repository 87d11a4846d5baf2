using System.Globalization;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>Settings of <see cref="CoralAlignment"/>. Checked by <see cref="Problems"/>.</summary>
public sealed record CoralOptions
{
    /// <summary>
    /// The default <see cref="Regularization"/>, 10 on the standardised scale. Measured on ResNet18 embeddings of the
    /// shipped Fashion-MNIST images (source: 300 train images; target: the 100 test images inverted, at low contrast, or
    /// as they are; a logistic-regression head on the mapped source, accuracy on the mapped target), λ in {0.01, 0.1, 1, 3,
    /// 10, 30, 100}: inverted 0.63 / 0.60 / 0.65 / 0.67 / 0.67 / 0.66 / 0.65 (no adaptation 0.63, mean-std 0.65); low
    /// contrast 0.66 at every λ from 0.01 (none 0.63, mean-std 0.67); no shift 0.72 / 0.71 / 0.68 / 0.69 / 0.70 / 0.71 /
    /// 0.71 (none 0.69). λ from 3 to 30 was best or level on the shifted targets and costs nothing without a shift; 10
    /// also agrees with a prototype on raw ResNet18 embeddings (per-feature variance about 0.8, so about the same scale),
    /// where λ near 1 was worse than per-domain z-score and 10 best. 100 target rows make these differences (±0.05)
    /// noisy: let selection try other values.
    /// </summary>
    public const double DefaultRegularization = 10;

    /// <summary>
    /// λ added to the diagonal of both covariance matrices before the square roots, (C + λI): above 0. On the
    /// standardised scale (<see cref="Standardize"/> true, the default) every feature has variance 1, so λ = 1 weighs the
    /// identity as much as each feature's own variance; larger λ moves the map towards plain per-domain standardisation.
    /// With <see cref="Standardize"/> false, λ is in squared feature units (the paper's choice, λ = 1, assumes features
    /// of about unit variance).
    /// </summary>
    public double Regularization { get; init; } = DefaultRegularization;

    /// <summary>
    /// True (default): standardise each domain with its own mean and standard deviation first (as <c>mean-std</c>), then
    /// align the correlation matrices; the saved target map is the target's standardisation. False: the paper's CORAL on
    /// the features as they are; the target map is the identity and the source is re-centred on the target mean.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>The problems: a regularisation that is not a finite number above 0.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(Regularization > 0 && double.IsFinite(Regularization)))
            problems.Add($"the CORAL regularisation must be a finite number above 0 (got {Regularization.ToString("R", CultureInfo.InvariantCulture)})");
        return problems;
    }
}
