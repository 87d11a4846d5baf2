using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Workflows;

/// <summary>
/// A row as a <see cref="ModelPredictor"/> feeds it to a prediction engine: <see cref="Value"/> is the one input the
/// predictions need (the schema definition gives it that column's name); every other input column the zip lists (a label
/// saved with the training data's schema, say) is read from the default-valued field of its raw type, so ML.NET can
/// build every step of the pipeline while no prediction reads those columns (see <see cref="ModelContract.RequiredInputs"/>).
/// </summary>
internal sealed class PredictorInput
{
    /// <summary>An image path (full) or the text itself.</summary>
    public string Value = "";

#pragma warning disable CS0649 // never assigned: these are the default values of the columns no prediction reads
    public ReadOnlyMemory<char> Text;
    public bool Boolean;
    public float Single;
    public double Double;
    public sbyte SByte;
    public byte Byte;
    public short Int16;
    public ushort UInt16;
    public int Int32;
    public uint UInt32;
    public long Int64;
    public ulong UInt64;
    public DateTime DateTime;
    public TimeSpan TimeSpan;
    public DateTimeOffset DateTimeOffset;
    public DataViewRowId RowId;
    public VBuffer<ReadOnlyMemory<char>> Texts;
    public VBuffer<bool> Booleans;
    public VBuffer<float> Singles;
    public VBuffer<double> Doubles;
    public VBuffer<sbyte> SBytes;
    public VBuffer<byte> Bytes;
    public VBuffer<short> Int16s;
    public VBuffer<ushort> UInt16s;
    public VBuffer<int> Int32s;
    public VBuffer<uint> UInt32s;
    public VBuffer<long> Int64s;
    public VBuffer<ulong> UInt64s;
#pragma warning restore CS0649

    /// <summary>
    /// The schema definition of a model's inputs: <paramref name="valueColumn"/> from <see cref="Value"/>, every other
    /// column of <paramref name="inputs"/> from the default-valued field of its type (several columns may share one).
    /// </summary>
    /// <exception cref="UserInputException">An unused input has a type no field holds (the message names it).</exception>
    public static SchemaDefinition Definition(IReadOnlyList<DataViewSchema.Column> inputs, string valueColumn, string modelPath)
    {
        var definition = SchemaDefinition.Create(typeof(PredictorInput), SchemaDefinition.Direction.Read);
        definition.Clear();
        foreach (var column in inputs)
        {
            var member = column.Name == valueColumn ? nameof(Value) : DefaultField(column.Type)
                ?? throw new UserInputException($"'{modelPath}' lists an input column '{column.Name}' of type {column.Type}, which its predictions do not read "
                    + "but ModelPredictor cannot give a default value; save the model with the schema of its needed inputs only.");
            // Each column needs its own Column object (ColumnName and ColumnType are set on it): take one from a fresh definition.
            var entry = SchemaDefinition.Create(typeof(PredictorInput), SchemaDefinition.Direction.Read).Single(c => c.MemberName == member);
            entry.ColumnName = column.Name;
            entry.ColumnType = column.Type;
            definition.Add(entry);
        }
        return definition;
    }

    /// <summary>The field holding a default value of <paramref name="type"/>'s raw type (a key's integer, a vector's <see cref="VBuffer{T}"/>); null when none does.</summary>
    private static string? DefaultField(DataViewType type)
    {
        var raw = type is VectorDataViewType vector ? typeof(VBuffer<>).MakeGenericType(vector.ItemType.RawType) : type.RawType;
        return typeof(PredictorInput).GetFields().FirstOrDefault(f => f.Name != nameof(Value) && f.FieldType == raw)?.Name;
    }
}
