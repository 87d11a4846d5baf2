namespace MlNetTransfer.Series;

/// <summary>
/// An orthogonal wavelet's decomposition filters, copied from PyWavelets 1.1.1 (<c>pywt.Wavelet(name).dec_lo</c> and
/// <c>.dec_hi</c>, printed with <c>repr</c> by <c>tests/MlNetTransfer.Tests/Series/Fixtures/make_series_fixtures.py</c>,
/// which the fixture test compares with these arrays). Built-in: <see cref="Haar"/> (= db1), <see cref="Db2"/>,
/// <see cref="Db3"/>, <see cref="Db4"/>.
/// </summary>
public sealed class Wavelet
{
    private Wavelet(string name, double[] decLo, double[] decHi) => (Name, DecLo, DecHi) = (name, decLo, decHi);

    /// <summary>PyWavelets' name (<c>haar</c>, <c>db2</c>, …).</summary>
    public string Name { get; }

    /// <summary>The low-pass decomposition filter (<c>dec_lo</c>), length <see cref="Length"/>.</summary>
    public IReadOnlyList<double> DecLo { get; }

    /// <summary>The high-pass decomposition filter (<c>dec_hi</c>), length <see cref="Length"/>.</summary>
    public IReadOnlyList<double> DecHi { get; }

    /// <summary>The filter length (<c>dec_len</c>): 2 for haar, 2N for dbN.</summary>
    public int Length => DecLo.Count;

    /// <summary>Haar (db1).</summary>
    public static Wavelet Haar { get; } = new("haar", [0.7071067811865476, 0.7071067811865476], [-0.7071067811865476, 0.7071067811865476]);

    /// <summary>Daubechies 2 (4 taps).</summary>
    public static Wavelet Db2 { get; } = new("db2",
        [-0.12940952255126037, 0.2241438680420134, 0.8365163037378079, 0.48296291314453416],
        [-0.48296291314453416, 0.8365163037378079, -0.2241438680420134, -0.12940952255126037]);

    /// <summary>Daubechies 3 (6 taps).</summary>
    public static Wavelet Db3 { get; } = new("db3",
        [0.03522629188570953, -0.08544127388202666, -0.13501102001025458, 0.45987750211849154, 0.8068915093110925, 0.33267055295008263],
        [-0.33267055295008263, 0.8068915093110925, -0.45987750211849154, -0.13501102001025458, 0.08544127388202666, 0.03522629188570953]);

    /// <summary>Daubechies 4 (8 taps).</summary>
    public static Wavelet Db4 { get; } = new("db4",
        [-0.010597401785069032, 0.0328830116668852, 0.030841381835560764, -0.18703481171909309, -0.027983769416859854, 0.6308807679298589, 0.7148465705529157, 0.2303778133088965],
        [-0.2303778133088965, 0.7148465705529157, -0.6308807679298589, -0.027983769416859854, 0.18703481171909309, 0.030841381835560764, -0.0328830116668852, -0.010597401785069032]);

    /// <summary>The built-in wavelets' names: haar, db1 (= haar), db2, db3, db4.</summary>
    public static IReadOnlyList<string> Names { get; } = ["haar", "db1", "db2", "db3", "db4"];

    /// <summary>The wavelet named <paramref name="name"/> (case-insensitive), or null when it is not built in.</summary>
    public static Wavelet? Find(string name) => name.Trim().ToLowerInvariant() switch
    {
        "haar" or "db1" => Haar,
        "db2" => Db2,
        "db3" => Db3,
        "db4" => Db4,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
