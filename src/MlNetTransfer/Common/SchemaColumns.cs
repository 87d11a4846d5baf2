using Microsoft.ML;

namespace MlNetTransfer.Common;

/// <summary>Schema helpers shared by the contract checks of heads and feature-space steps.</summary>
internal static class SchemaColumns
{
    /// <summary>
    /// <paramref name="schema"/>'s visible columns without <paramref name="name"/>: what a saved model's steps see at
    /// prediction time, where there is no label column.
    /// </summary>
    public static DataViewSchema Without(DataViewSchema schema, string name)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in schema.Where(c => !c.IsHidden && c.Name != name))
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        return builder.ToSchema();
    }
}
