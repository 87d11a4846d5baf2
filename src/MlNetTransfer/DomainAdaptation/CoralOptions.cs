using System.Globalization;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>Settings of <see cref="CoralAlignment"/>. Checked by <see cref="Problems"/>.</summary>
public sealed record CoralOptions
{
    /// <summary>The default <see cref="Regularization"/>.</summary>
    public const double DefaultRegularization = 1;

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
