using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Series;

/// <summary>
/// A one-row view with one known-size Single vector column whose first <c>used</c> slots are 1 and the rest 0: what a
/// stock <c>SelectFeaturesBasedOnCount(count: 1)</c> is fitted on so that it keeps exactly those slots.
/// </summary>
internal sealed class UsedSlotsView : IDataView
{
    private readonly VBuffer<float> _row;

    public UsedSlotsView(string column, int size, int used)
    {
        var values = new float[size];
        Array.Fill(values, 1f, 0, used);
        _row = new VBuffer<float>(size, values);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(column, new VectorDataViewType(NumberDataViewType.Single, size));
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => 1;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this, columnsNeeded.Any());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(UsedSlotsView view, bool active) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext() => ++_position < 1;

        public override bool IsColumnActive(DataViewSchema.Column column) => active;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            (ref TValue value) => value = (TValue)(object)view._row;
    }
}
