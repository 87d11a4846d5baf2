using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Series;

/// <summary>
/// Features of a series (<c>ml.Transforms.ExtractSeriesFeatures</c>): reads either one text column holding a series per
/// row (<c>"0.1;0.3;…"</c>, see <see cref="SeriesText"/>) or Single columns taken together as one series (scalar columns
/// in the order given, or a vector column: <c>s1, s2, s3</c> of a CSV), and writes a known-size <c>Vector&lt;Single&gt;</c>
/// of <see cref="SeriesFeaturesOptions.Count"/> features (<see cref="SeriesFeatures"/>; computed in double precision,
/// stored as float). Series may differ in length from row to row. Fitting learns nothing but, for a wavelet without
/// given levels, the number of levels (from the shortest training series), and returns a chain that saves into a
/// standard model zip: <c>CopyColumns</c> or <c>Concatenate</c>, a stock <c>Expression</c> holding the settings text, a
/// parameter-free custom mapping under a versioned contract (<c>MlNetTransfer.Series.FeaturesOfText.v1</c> /
/// <c>FeaturesOfVector.v1</c>), a stock <c>SelectFeaturesBasedOnCount</c> keeping the used slots, <c>DropColumns</c>.
/// Loading the zip needs the MlNetTransfer assembly loadable (as for the text vectorizer; <see cref="ContractRegistry.RegisterAll"/>).
/// A series cell that is empty or holds a non-number, or a missing value in a numeric series, is a
/// <see cref="UserInputException"/> naming the column (and, at fit, the row).
/// </summary>
public sealed class SeriesFeaturesEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog _catalog;
    private readonly string _output;
    private readonly string[] _inputs;

    internal SeriesFeaturesEstimator(TransformsCatalog catalog, string outputColumnName, IReadOnlyList<string> inputColumnNames, SeriesFeaturesOptions options)
    {
        _catalog = catalog;
        if (string.IsNullOrWhiteSpace(outputColumnName))
            throw new UserInputException("Series features: the output column name is empty; expected a column name.");
        if (inputColumnNames.Count == 0 || inputColumnNames.Any(string.IsNullOrWhiteSpace))
            throw new UserInputException("Series features: expected one input column name or more, none empty.");
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException("Series features: " + string.Join(" ", problems));
        _output = outputColumnName;
        _inputs = inputColumnNames.ToArray();
        Options = options;
    }

    /// <summary>The options this estimator fits with (a wavelet's levels may still be null: fitted).</summary>
    public SeriesFeaturesOptions Options { get; }

    /// <summary>The input columns: one text column, or the Single columns of one series in order.</summary>
    public IReadOnlyList<string> InputColumnNames => _inputs;

    /// <summary>The name errors and settings use for the input: the column, or the columns joined by ','.</summary>
    private string InputName => string.Join(",", _inputs);

    /// <inheritdoc/>
    /// <remarks>
    /// Checks the input columns, fits a wavelet's levels when not given (reading the training series once; a cell that
    /// is not a series is an error naming its row, counted from 1) and returns the saved-path chain.
    /// </remarks>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var isText = CheckInputs(name => input.Schema.GetColumnOrNull(name) is { } c ? (c.Type, c.Type is not VectorDataViewType) : null);
        var options = Options.Kind == SeriesFeatureKind.Wavelet && Options.Levels is null
            ? Options with { Levels = SeriesFeatures.DefaultLevels(ShortestLength(input, isText), Options) }
            : Options;
        return Build(input, options, isText);
    }

    /// <summary>Fits with the options' levels already known (the feature-part provider's path).</summary>
    internal ITransformer Build(IDataView input, SeriesFeaturesOptions options, bool isText)
    {
        var settings = SeriesMappings.Settings(options, InputName).Replace('"', '\'').Replace('\\', '/');
        var steps = new List<ITransformer>();
        IDataView Add(IEstimator<ITransformer> estimator, IDataView view)
        {
            var fitted = estimator.Fit(view);
            steps.Add(fitted);
            return fitted.Transform(view);
        }
        var view = input;
        if (isText)
        {
            view = Add(_catalog.CopyColumns(SeriesMappings.TextColumn, _inputs[0]), view);
            view = Add(_catalog.Expression(SeriesMappings.SettingsColumn, $"x => \"{settings}\"", SeriesMappings.TextColumn), view);
            view = Add(_catalog.CustomMapping<SeriesTextRow, SeriesFeaturesRow>(SeriesMappings.FromTextRow, SeriesMappings.FromText), view);
        }
        else
        {
            view = Add(_catalog.Concatenate(SeriesMappings.ValuesColumn, _inputs), view);
            view = Add(_catalog.Expression(SeriesMappings.SettingsColumn, $"x => \"{settings}\"", SeriesMappings.ValuesColumn), view);
            view = Add(_catalog.CustomMapping<SeriesVectorRow, SeriesFeaturesRow>(SeriesMappings.FromVectorRow, SeriesMappings.FromVector), view);
        }
        // Keeps the first Count slots: fitted on one row whose used slots are 1 and the rest 0 (a count threshold of 1).
        var slotsRow = new UsedSlotsView(SeriesMappings.FeaturesColumn, SeriesMappings.MaxSlots, options.Count);
        var select = _catalog.FeatureSelection.SelectFeaturesBasedOnCount(_output, SeriesMappings.FeaturesColumn, count: 1).Fit(slotsRow);
        steps.Add(select);
        view = select.Transform(view);
        string[] temporaries = [SeriesMappings.TextColumn, SeriesMappings.ValuesColumn, SeriesMappings.SettingsColumn, SeriesMappings.FeaturesColumn];
        Add(_catalog.DropColumns(temporaries.Where(t => t != _output && view.Schema.GetColumnOrNull(t) is not null).ToArray()), view);
        return new TransformerChain<ITransformer>(steps.ToArray());
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var isText = CheckInputs(name => inputSchema.Where(c => c.Name == name).Select(c => ((DataViewType, bool)?)(c.ItemType, c.Kind == SchemaShape.Column.VectorKind.Scalar)).FirstOrDefault());
        IEstimator<ITransformer> chain = isText
            ? _catalog.CopyColumns(SeriesMappings.TextColumn, _inputs[0])
                .Append(_catalog.Expression(SeriesMappings.SettingsColumn, "x => \"\"", SeriesMappings.TextColumn))
                .Append(_catalog.CustomMapping<SeriesTextRow, SeriesFeaturesRow>(SeriesMappings.FromTextRow, SeriesMappings.FromText))
            : _catalog.Concatenate(SeriesMappings.ValuesColumn, _inputs)
                .Append(_catalog.Expression(SeriesMappings.SettingsColumn, "x => \"\"", SeriesMappings.ValuesColumn))
                .Append(_catalog.CustomMapping<SeriesVectorRow, SeriesFeaturesRow>(SeriesMappings.FromVectorRow, SeriesMappings.FromVector));
        return chain
            .Append(_catalog.FeatureSelection.SelectFeaturesBasedOnCount(_output, SeriesMappings.FeaturesColumn, count: 1))
            .Append(_catalog.DropColumns(isText
                ? [SeriesMappings.TextColumn, SeriesMappings.SettingsColumn, SeriesMappings.FeaturesColumn]
                : [SeriesMappings.ValuesColumn, SeriesMappings.SettingsColumn, SeriesMappings.FeaturesColumn]))
            .GetOutputSchema(inputSchema);
    }

    /// <summary>True for one text column; false for Single columns; a <see cref="UserInputException"/> naming a column that is missing or of another type.</summary>
    private bool CheckInputs(Func<string, (DataViewType Type, bool IsScalar)?> find)
    {
        var found = _inputs.Select(name => (Name: name, Column: find(name))).ToList();
        if (found.FirstOrDefault(f => f.Column is null) is { Name: { } missing })
            throw new UserInputException($"Series features: could not find input column '{missing}'.");
        var first = found[0].Column!.Value;
        if (_inputs.Length == 1 && (first.Type is TextDataViewType || first.Type is VectorDataViewType { ItemType: TextDataViewType }))
            return first.IsScalar && first.Type is TextDataViewType
                ? true
                : throw new UserInputException($"Series features: input column '{_inputs[0]}' is a vector of text; expected one text per row (a series like \"0.1;0.3\").");
        foreach (var (name, column) in found)
        {
            var type = column!.Value.Type;
            var item = type is VectorDataViewType v ? v.ItemType : type;
            if (item != NumberDataViewType.Single)
                throw new UserInputException($"Series features: input column '{name}' is {type}; expected text (a series per cell, like \"0.1;0.3\") or Single numbers (columns read together as one series).");
        }
        return false;
    }

    /// <summary>The length of the shortest series in <paramref name="input"/> (every text cell parsed: errors name the row).</summary>
    private int ShortestLength(IDataView input, bool isText)
    {
        var columns = _inputs.Select(n => input.Schema[n]).ToList();
        if (!isText && columns.All(c => c.Type is not VectorDataViewType || ((VectorDataViewType)c.Type).IsKnownSize))
            return columns.Sum(c => c.Type is VectorDataViewType v ? v.Size : 1);
        var shortest = int.MaxValue;
        using var cursor = input.GetRowCursor(columns);
        if (isText)
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(columns[0]);
            var text = default(ReadOnlyMemory<char>);
            while (cursor.MoveNext())
            {
                getter(ref text);
                var values = SeriesText.TryParse(text.Span, out var problem)
                    ?? throw new UserInputException($"Series column '{_inputs[0]}' row {cursor.Position + 1}: {problem}.");
                shortest = Math.Min(shortest, values.Length);
            }
        }
        else
        {
            var lengths = columns.Select(c => c.Type is VectorDataViewType v && !v.IsKnownSize ? (Func<int>?)null : () => c.Type is VectorDataViewType k ? k.Size : 1).ToList();
            var getters = columns.Select(c => c.Type is VectorDataViewType { IsKnownSize: false } ? cursor.GetGetter<VBuffer<float>>(c) : null).ToList();
            var buffer = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                var length = 0;
                for (var i = 0; i < columns.Count; i++)
                {
                    if (getters[i] is { } g)
                    {
                        g(ref buffer);
                        length += buffer.Length;
                    }
                    else length += lengths[i]!();
                }
                shortest = Math.Min(shortest, length);
            }
        }
        return shortest == int.MaxValue ? 1 : Math.Max(shortest, 1);
    }
}
