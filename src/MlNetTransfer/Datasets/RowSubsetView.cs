using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Datasets;

/// <summary>
/// A view of <paramref name="source"/> without the rows at the positions in <paramref name="dropped"/> (counting from 0,
/// in the order an unshuffled cursor gives them): same schema, annotations and getters, rows in order. Not shuffleable;
/// one cursor at a time (ML.NET splits work over it itself when it needs to).
/// </summary>
internal sealed class RowSubsetView(IDataView source, IReadOnlySet<long> dropped, long rowCount) : IDataView
{
    public DataViewSchema Schema => source.Schema;

    public bool CanShuffle => false;

    public long? GetRowCount() => rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(source.GetRowCursor(columnsNeeded), dropped);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(DataViewRowCursor inner, IReadOnlySet<long> dropped) : DataViewRowCursor
    {
        private long _sourceRow = -1;
        private long _position = -1;

        public override DataViewSchema Schema => inner.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            while (inner.MoveNext())
            {
                _sourceRow++;
                if (dropped.Contains(_sourceRow)) continue;
                _position++;
                return true;
            }
            return false;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
