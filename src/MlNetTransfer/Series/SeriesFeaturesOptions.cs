using System.Globalization;

namespace MlNetTransfer.Series;

/// <summary>
/// One series featurizer and its settings (a record: defaults stated here, checked once by <see cref="Problems"/>).
/// Written as a spec on the command line (<c>--series-featurizer</c>) and in a saved model: <c>stats</c>,
/// <c>stats:lags=1,2,5:quantiles=0.1,0.5,0.9</c>, <c>fft</c>, <c>fft:bands=16:rate=100</c>, <c>wavelet</c> (db4),
/// <c>wavelet:haar</c>, <c>wavelet:db2:levels=3</c> (<see cref="Parse"/>, <see cref="Spec"/>).
/// </summary>
public sealed record SeriesFeaturesOptions
{
    /// <summary>Most lags or quantiles one stats featurizer takes.</summary>
    public const int MaxListLength = 32;

    /// <summary>Most FFT bands.</summary>
    public const int MaxBands = 256;

    /// <summary>Most wavelet levels.</summary>
    public const int MaxLevels = 30;

    /// <summary>The features to compute. Default <see cref="SeriesFeatureKind.Stats"/>.</summary>
    public SeriesFeatureKind Kind { get; init; } = SeriesFeatureKind.Stats;

    /// <summary>Stats: the autocorrelation lags, in samples, each ≥ 1 (a lag ≥ the series' length gives 0). Default 1, 2, 5, 10.</summary>
    public IReadOnlyList<int> Lags { get; init; } = [1, 2, 5, 10];

    /// <summary>Stats: the quantiles, each in [0, 1] (numpy's linear method). Default 0.1, 0.25, 0.5, 0.75, 0.9.</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = [0.1, 0.25, 0.5, 0.75, 0.9];

    /// <summary>FFT: the number of equal frequency bands between 0 and the Nyquist frequency, 1..256. Default 8.</summary>
    public int Bands { get; init; } = 8;

    /// <summary>FFT: samples per second; frequencies are then in Hz. Null (default): cycles per sample.</summary>
    public double? SampleRate { get; init; }

    /// <summary>Wavelet: haar (db1), db2, db3 or db4 (<see cref="Series.Wavelet"/>). Default db4.</summary>
    public string Wavelet { get; init; } = "db4";

    /// <summary>
    /// Wavelet: decomposition levels, 1..30. Null (default): fitted, PyWavelets' <c>dwt_max_level</c> of the shortest
    /// training series (at least 1); a saved model keeps the fitted number.
    /// </summary>
    public int? Levels { get; init; }

    /// <summary>Stats with the defaults.</summary>
    public static SeriesFeaturesOptions Stats { get; } = new();

    /// <summary>FFT with the defaults.</summary>
    public static SeriesFeaturesOptions Fft { get; } = new() { Kind = SeriesFeatureKind.Fft };

    /// <summary>Wavelet (db4, fitted levels) with the defaults.</summary>
    public static SeriesFeaturesOptions WaveletDb4 { get; } = new() { Kind = SeriesFeatureKind.Wavelet };

    /// <summary>The names <see cref="Parse"/> starts a spec with: stats, fft, wavelet.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["stats", "fft", "wavelet"];

    /// <summary>Every problem with these options, one sentence each; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Kind)) problems.Add($"Kind must be Stats, Fft or Wavelet (got {(int)Kind}).");
        if (Lags is null || Lags.Count == 0 || Lags.Count > MaxListLength) problems.Add($"Lags must hold 1 to {MaxListLength} lags (got {Lags?.Count ?? 0}).");
        else if (Lags.Any(l => l < 1)) problems.Add($"Lags must be 1 or more (got {Lags.First(l => l < 1)}).");
        else if (Lags.Distinct().Count() != Lags.Count) problems.Add("Lags must not repeat a lag.");
        if (Quantiles is null || Quantiles.Count == 0 || Quantiles.Count > MaxListLength) problems.Add($"Quantiles must hold 1 to {MaxListLength} values (got {Quantiles?.Count ?? 0}).");
        else if (Quantiles.Where(q => !(q >= 0 && q <= 1)).Select(q => (double?)q).FirstOrDefault() is { } q) problems.Add($"Quantiles must be between 0 and 1 (got {Format(q)}).");
        else if (Quantiles.Distinct().Count() != Quantiles.Count) problems.Add("Quantiles must not repeat a value.");
        if (Bands < 1 || Bands > MaxBands) problems.Add($"Bands must be between 1 and {MaxBands} (got {Bands}).");
        if (SampleRate is { } rate && !(rate > 0 && double.IsFinite(rate))) problems.Add($"SampleRate must be a positive number of samples per second (got {Format(rate)}).");
        if (Wavelet is null || Series.Wavelet.Find(Wavelet) is null)
            problems.Add($"Wavelet must be one of {string.Join(", ", Series.Wavelet.Names)} (got '{Wavelet}').");
        if (Levels is { } levels && (levels < 1 || levels > MaxLevels)) problems.Add($"Levels must be between 1 and {MaxLevels} (got {levels}).");
        return problems;
    }

    /// <summary>
    /// The number of features: stats 9 + quantiles + lags (mean … kurtosis, the zero-crossing rate); fft bands + 3; wavelet 2 · (levels + 1) (energy and entropy of
    /// the approximation and of each detail level). <see cref="InvalidOperationException"/> for a wavelet whose levels are
    /// not fitted yet.
    /// </summary>
    public int Count => Kind switch
    {
        SeriesFeatureKind.Stats => 9 + Quantiles.Count + Lags.Count,
        SeriesFeatureKind.Fft => Bands + 3,
        _ => 2 * ((Levels ?? throw new InvalidOperationException("The wavelet's levels are not fitted yet.")) + 1),
    };

    /// <summary>
    /// The features' names, in output order: stats <c>mean, variance, std, min, max, range, skewness, kurtosis, q0.1 …,
    /// zero_crossing_rate, acf1 …</c>; fft <c>band0 … band{B−1}, dominant_frequency, spectral_centroid,
    /// spectral_entropy</c> (frequencies in Hz when <see cref="SampleRate"/> is set); wavelet <c>a{L}_energy,
    /// a{L}_entropy, d{L}_energy, d{L}_entropy, …, d1_entropy</c> (the levels must be known).
    /// </summary>
    public IReadOnlyList<string> FeatureNames() => Kind switch
    {
        SeriesFeatureKind.Stats => ["mean", "variance", "std", "min", "max", "range", "skewness", "kurtosis",
            .. Quantiles.Select(q => "q" + Format(q)), "zero_crossing_rate", .. Lags.Select(l => $"acf{l}")],
        SeriesFeatureKind.Fft => [.. Enumerable.Range(0, Bands).Select(b => $"band{b}"), "dominant_frequency", "spectral_centroid", "spectral_entropy"],
        _ => Enumerable.Range(0, Count / 2).SelectMany(i => i == 0
            ? new[] { $"a{Levels}_energy", $"a{Levels}_entropy" }
            : [$"d{Levels - i + 1}_energy", $"d{Levels - i + 1}_entropy"]).ToList(),
    };

    /// <summary>
    /// The short name of these options: the kind, then only the settings that differ from the defaults
    /// (<c>stats</c>, <c>fft:bands=16</c>, <c>wavelet:haar</c>); a feature part is named <c>&lt;column&gt;.&lt;name&gt;</c>.
    /// </summary>
    public string Name => Describe(all: false);

    /// <summary>Every setting of these options as a spec that <see cref="Parse"/> reads back to equal options (what a saved model holds).</summary>
    public string Spec => Describe(all: true);

    private string Describe(bool all)
    {
        var items = new List<string> { KindNames[(int)Kind] };
        var defaults = new SeriesFeaturesOptions();
        switch (Kind)
        {
            case SeriesFeatureKind.Stats:
                if (all || !Lags.SequenceEqual(defaults.Lags)) items.Add("lags=" + string.Join(",", Lags));
                if (all || !Quantiles.SequenceEqual(defaults.Quantiles)) items.Add("quantiles=" + string.Join(",", Quantiles.Select(Format)));
                break;
            case SeriesFeatureKind.Fft:
                if (all || Bands != defaults.Bands) items.Add($"bands={Bands}");
                if (SampleRate is { } rate) items.Add("rate=" + Format(rate));
                break;
            default:
                if (all || !string.Equals(Wavelet, defaults.Wavelet, StringComparison.OrdinalIgnoreCase)) items.Add(Series.Wavelet.Find(Wavelet)?.Name ?? Wavelet);
                if (Levels is { } levels) items.Add($"levels={levels}");
                break;
        }
        return string.Join(":", items);
    }

    /// <summary>
    /// Reads a spec: <c>stats|fft|wavelet</c>, then <c>:</c>-separated settings — stats <c>lags=1,2,5</c>,
    /// <c>quantiles=0.1,0.5</c>; fft <c>bands=16</c>, <c>rate=100</c> (Hz); wavelet a wavelet name (<c>haar</c>, <c>db1</c>
    /// … <c>db4</c>) and <c>levels=3</c>. Null when the spec does not start with one of <see cref="KindNames"/>.
    /// </summary>
    /// <exception cref="UserInputException">The spec starts with a kind but a setting is unknown, malformed or out of range (the message names it).</exception>
    public static SeriesFeaturesOptions? Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var items = spec.Trim().Split(':', StringSplitOptions.TrimEntries);
        var kindIndex = KindNames.ToList().IndexOf(items[0].ToLowerInvariant());
        if (kindIndex < 0) return null;
        var options = new SeriesFeaturesOptions { Kind = (SeriesFeatureKind)kindIndex };
        foreach (var item in items.Skip(1))
        {
            var eq = item.IndexOf('=');
            var key = (eq < 0 ? item : item[..eq]).Trim().ToLowerInvariant();
            var value = eq < 0 ? "" : item[(eq + 1)..].Trim();
            options = (options.Kind, key) switch
            {
                (SeriesFeatureKind.Stats, "lags") => options with { Lags = List(spec, key, value, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null) },
                (SeriesFeatureKind.Stats, "quantiles") => options with { Quantiles = List(spec, key, value, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null) },
                (SeriesFeatureKind.Fft, "bands") => options with { Bands = Single(spec, key, value, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null) },
                (SeriesFeatureKind.Fft, "rate") => options with { SampleRate = Single<double>(spec, key, value, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null) },
                (SeriesFeatureKind.Wavelet, "levels") => options with { Levels = Single<int>(spec, key, value, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null) },
                (SeriesFeatureKind.Wavelet, "wavelet") => options with { Wavelet = value },
                (SeriesFeatureKind.Wavelet, _) when eq < 0 && Series.Wavelet.Find(key) is not null => options with { Wavelet = key },
                _ => throw new UserInputException($"Series featurizer '{spec}': unknown setting '{item}'; {KindNames[kindIndex]} takes {Settings(options.Kind)}."),
            };
        }
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Series featurizer '{spec}': {string.Join(" ", problems)}");
        return options;
    }

    private static string Settings(SeriesFeatureKind kind) => kind switch
    {
        SeriesFeatureKind.Stats => "lags=<n>,<n>… and quantiles=<q>,<q>…",
        SeriesFeatureKind.Fft => "bands=<n> and rate=<samples per second>",
        _ => $"a wavelet name ({string.Join(", ", Series.Wavelet.Names)}) and levels=<n>",
    };

    private static IReadOnlyList<T> List<T>(string spec, string key, string value, Func<string, T?> parse) where T : struct =>
        value.Split(',', StringSplitOptions.TrimEntries).Select(s => Single(spec, key, s, parse)).ToList();

    private static T Single<T>(string spec, string key, string value, Func<string, T?> parse) where T : struct =>
        parse(value) ?? throw new UserInputException($"Series featurizer '{spec}': {key} takes numbers, found '{value}'.");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Equals(SeriesFeaturesOptions? other) => other is not null && Spec == other.Spec;

    /// <inheritdoc />
    public override int GetHashCode() => Spec.GetHashCode(StringComparison.Ordinal);
}
