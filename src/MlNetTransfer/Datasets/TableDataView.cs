using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Datasets;

/// <summary>
/// A small in-memory, column-oriented <see cref="IDataView"/> with text, float and known-size float-vector columns,
/// built at run time from column names (ML.NET's LoadFromEnumerable needs a static row type). It counts the
/// getters each column hands out, which shows how often a pipeline reads a column (for example, image paths).
/// </summary>
internal sealed class TableDataView : IDataView
{
    private readonly List<Func<int, object>> _columns = [];
    private readonly List<int[]> _getterCalls = []; // one counter box per column
    private readonly DataViewSchema.Builder _schema = new();
    private DataViewSchema? _built;

    public TableDataView(int rowCount) => RowCount = rowCount;

    public int RowCount { get; }

    public DataViewSchema Schema => _built ??= _schema.ToSchema();

    public bool CanShuffle => false;

    public long? GetRowCount() => RowCount;

    /// <summary>How many values were read from <paramref name="column"/> through all cursors.</summary>
    public int ValuesRead(string column) => Volatile.Read(ref _getterCalls[Schema[column].Index][0]);

    public TableDataView AddText(string name, IReadOnlyList<string> values) =>
        Add(name, TextDataViewType.Instance, values, i => values[i].AsMemory());

    public TableDataView AddSingle(string name, IReadOnlyList<float> values) =>
        Add(name, NumberDataViewType.Single, values, i => values[i]);

    public TableDataView AddVector(string name, IReadOnlyList<float[]> values, VectorDataViewType type)
    {
        if (type.ItemType != NumberDataViewType.Single || !type.IsKnownSize)
            throw new ArgumentException($"Column '{name}' must be a known-size vector of Single, not {type}.");
        var bad = values.FirstOrDefault(v => v.Length != type.Size);
        if (bad is not null) throw new ArgumentException($"Column '{name}' is {type} but a row has {bad.Length} values.");
        return Add(name, type, values, i => new VBuffer<float>(type.Size, values[i]));
    }

    /// <summary>A known-size float-vector column whose rows may be sparse.</summary>
    public TableDataView AddVector(string name, IReadOnlyList<VBuffer<float>> values, VectorDataViewType type)
    {
        if (type.ItemType != NumberDataViewType.Single || !type.IsKnownSize)
            throw new ArgumentException($"Column '{name}' must be a known-size vector of Single, not {type}.");
        for (var i = 0; i < values.Count; i++)
            if (values[i].Length != type.Size) throw new ArgumentException($"Column '{name}' is {type} but row {i} has {values[i].Length} values.");
        return Add(name, type, values, i => values[i]);
    }

    private TableDataView Add<T>(string name, DataViewType type, IReadOnlyList<T> values, Func<int, object> get)
    {
        if (_built is not null) throw new InvalidOperationException("The schema is already in use.");
        if (values.Count != RowCount) throw new ArgumentException($"Column '{name}' has {values.Count} values, the table has {RowCount} rows.");
        _schema.AddColumn(name, type);
        _columns.Add(get);
        _getterCalls.Add(new int[1]);
        return this;
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(TableDataView table, HashSet<int> active) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => table.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext() => ++_position < table.RowCount;

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column)) throw new InvalidOperationException($"Column '{column.Name}' is not active.");
            var get = table._columns[column.Index];
            var counter = table._getterCalls[column.Index];
            return (ref TValue value) =>
            {
                Interlocked.Increment(ref counter[0]);
                value = (TValue)get((int)_position);
            };
        }
    }
}
