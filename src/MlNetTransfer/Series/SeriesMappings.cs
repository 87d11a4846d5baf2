using System.Collections.Concurrent;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetTransfer.Series;

/// <summary>
/// The series featurizer's two parameter-free custom mappings, each under a versioned contract name: a series in a
/// text cell, or a numeric vector (a group of numeric columns, concatenated), plus a settings text made by a stock
/// <c>Expression</c> step (<c>x =&gt; "&lt;spec&gt;|&lt;column&gt;"</c>, so the zip holds the settings), to a fixed-size
/// vector of <see cref="MaxSlots"/> features whose first <see cref="SeriesFeaturesOptions.Count"/> slots are used
/// (a stock slot-dropping step keeps them). Changing what a contract computes needs a new version in its name.
/// </summary>
internal static class SeriesMappings
{
    public const string FromText = "MlNetTransfer.Series.FeaturesOfText.v1";
    public const string FromVector = "MlNetTransfer.Series.FeaturesOfVector.v1";

    /// <summary>The mappings' output size; every option set fits (at most 9 + 32 + 32, 256 + 3, 2 · 31 features).</summary>
    public const int MaxSlots = 512;

    public const string TextColumn = "mlnt.series.text";
    public const string ValuesColumn = "mlnt.series.values";
    public const string SettingsColumn = "mlnt.series.settings";
    public const string FeaturesColumn = "mlnt.series.features";

    private static readonly ConcurrentDictionary<string, (SeriesFeaturesOptions Options, string Column)> Parsed = new(StringComparer.Ordinal);

    /// <summary>The settings text of a step: the options' full spec and the column (for messages).</summary>
    public static string Settings(SeriesFeaturesOptions options, string column) => options.Spec + "|" + column;

    /// <summary>Options and column of a settings text (cached: every row carries the same few strings).</summary>
    public static (SeriesFeaturesOptions Options, string Column) ReadSettings(ReadOnlyMemory<char> settings) =>
        Parsed.GetOrAdd(settings.ToString(), s =>
        {
            var bar = s.IndexOf('|');
            var options = (bar < 0 ? null : SeriesFeaturesOptions.Parse(s[..bar]))
                ?? throw new InvalidOperationException($"Series features: unreadable settings '{s}' (written by another version of MlNetTransfer?).");
            if (options.Kind == SeriesFeatureKind.Wavelet && options.Levels is null)
                throw new InvalidOperationException($"Series features: settings '{s}' have no wavelet levels.");
            return (options, s[(bar + 1)..]);
        });

    /// <summary>Features of <paramref name="values"/> into <paramref name="features"/> (<see cref="MaxSlots"/> long, the unused slots 0).</summary>
    public static void Write(ReadOnlySpan<double> values, SeriesFeaturesOptions options, ref VBuffer<float> features)
    {
        Span<double> computed = stackalloc double[MaxSlots];
        computed.Clear();
        SeriesFeatures.Compute(values, options, computed);
        var editor = VBufferEditor.Create(ref features, MaxSlots);
        for (var i = 0; i < MaxSlots; i++) editor.Values[i] = (float)computed[i];
        features = editor.Commit();
    }

    public static void FromTextRow(SeriesTextRow src, SeriesFeaturesRow dst)
    {
        var (options, column) = ReadSettings(src.Settings);
        Write(SeriesText.Parse(src.Series.Span, column), options, ref dst.Features);
    }

    public static void FromVectorRow(SeriesVectorRow src, SeriesFeaturesRow dst)
    {
        if (src.Values.Length == 0 || src.Settings.Length == 0) throw new UserInputException("Series features: a series is empty; expected one value or more.");
        var (options, column) = ReadSettings(src.Settings.GetItemOrDefault(0));
        var values = new double[src.Values.Length];
        var k = 0;
        foreach (var v in src.Values.DenseValues())
        {
            if (!float.IsFinite(v))
                throw new UserInputException($"Series '{column}': value {k + 1} of the series is {(float.IsNaN(v) ? "missing (an empty cell or NaN)" : v.ToString(System.Globalization.CultureInfo.InvariantCulture))}; a series needs a finite number in every column.");
            values[k++] = v;
        }
        Write(values, options, ref dst.Features);
    }
}

/// <summary>Input of <see cref="SeriesMappings.FromText"/>: the series text and the settings.</summary>
internal sealed class SeriesTextRow
{
    [ColumnName(SeriesMappings.TextColumn)] public ReadOnlyMemory<char> Series;
    [ColumnName(SeriesMappings.SettingsColumn)] public ReadOnlyMemory<char> Settings;
}

/// <summary>
/// Input of <see cref="SeriesMappings.FromVector"/>: the values (any length) and the settings, one copy per value (the
/// stock <c>Expression</c> step maps a vector slot by slot, and the values are the only column it can be sure to read).
/// </summary>
internal sealed class SeriesVectorRow
{
    [ColumnName(SeriesMappings.ValuesColumn)] public VBuffer<float> Values;
    [ColumnName(SeriesMappings.SettingsColumn)] public VBuffer<ReadOnlyMemory<char>> Settings;
}

/// <summary>Output of both contracts: <see cref="SeriesMappings.MaxSlots"/> features, the first ones used.</summary>
internal sealed class SeriesFeaturesRow
{
    [ColumnName(SeriesMappings.FeaturesColumn), VectorType(SeriesMappings.MaxSlots)] public VBuffer<float> Features;
}

/// <summary>The text contract.</summary>
[CustomMappingFactoryAttribute(SeriesMappings.FromText)]
internal sealed class SeriesTextMapping : CustomMappingFactory<SeriesTextRow, SeriesFeaturesRow>
{
    public override Action<SeriesTextRow, SeriesFeaturesRow> GetMapping() => SeriesMappings.FromTextRow;
}

/// <summary>The vector contract.</summary>
[CustomMappingFactoryAttribute(SeriesMappings.FromVector)]
internal sealed class SeriesVectorMapping : CustomMappingFactory<SeriesVectorRow, SeriesFeaturesRow>
{
    public override Action<SeriesVectorRow, SeriesFeaturesRow> GetMapping() => SeriesMappings.FromVectorRow;
}
