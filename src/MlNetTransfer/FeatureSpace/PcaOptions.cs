using System.Globalization;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// How many principal components <see cref="PrincipalComponents.Fit"/> keeps, as scikit-learn's <c>PCA(n_components)</c>
/// says it: either a count (<see cref="Components"/>, an integer k from 1 to min(rows, features)) or a share of the
/// variance (<see cref="VarianceFraction"/>, f in (0, 1): the smallest k whose cumulative explained-variance ratio is
/// above f, chosen exactly as scikit-learn 1.2 does it, <c>searchsorted(cumsum(ratio), f, side="right") + 1</c>).
/// Exactly one of the two is set; build it with <see cref="Count"/>, <see cref="Fraction"/> or <see cref="TryParse"/>.
/// Checked by <see cref="Problems"/> (what does not depend on the data) and at fit time (k above min(rows, features)).
/// </summary>
public sealed record PcaOptions
{
    /// <summary>A fixed number of components k (1 or more; at most min(rows, features) of the data fitted); null when <see cref="VarianceFraction"/> is set.</summary>
    public int? Components { get; init; }

    /// <summary>A share of the variance to keep, in (0, 1) exclusive; null when <see cref="Components"/> is set.</summary>
    public double? VarianceFraction { get; init; }

    /// <summary>Keeps <paramref name="components"/> components.</summary>
    public static PcaOptions Count(int components) => new() { Components = components };

    /// <summary>Keeps the fewest components that explain more than <paramref name="fraction"/> of the variance.</summary>
    public static PcaOptions Fraction(double fraction) => new() { VarianceFraction = fraction };

    /// <summary>
    /// Reads a command-line value: a whole number (<c>32</c>: that many components) or a number with a decimal point or
    /// an exponent (<c>0.95</c>: that share of the variance), invariant culture. False, with <paramref name="problem"/>
    /// saying what was expected and repeating the value, when it is neither or when <see cref="Problems"/> finds one.
    /// </summary>
    public static bool TryParse(string? text, out PcaOptions? options, out string? problem)
    {
        options = null;
        var value = text?.Trim() ?? "";
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            options = Count(count);
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
            options = Fraction(fraction);
        if (options?.Problems() is { Count: 0 })
        {
            problem = null;
            return true;
        }
        options = null;
        problem = $"expected a whole number of components (1 or more) or a fraction of the variance between 0 and 1, exclusive, such as 0.95 (got '{text}')";
        return false;
    }

    /// <summary>The problems that do not depend on the data: neither or both of the two set, k below 1, a fraction outside (0, 1).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Components is null == VarianceFraction is null)
            problems.Add("set exactly one of Components (a number of components) and VarianceFraction (a share of the variance)");
        if (Components is < 1) problems.Add($"the number of components must be 1 or more (got {Components})");
        if (VarianceFraction is { } f && !(f > 0 && f < 1)) problems.Add($"the variance fraction must be between 0 and 1, exclusive (got {f.ToString("R", CultureInfo.InvariantCulture)})");
        return problems;
    }

    /// <summary>The value as given on a command line: <c>32</c> or <c>0.95</c>.</summary>
    public override string ToString() => Components?.ToString(CultureInfo.InvariantCulture)
        ?? VarianceFraction?.ToString("R", CultureInfo.InvariantCulture) ?? "?";
}
