namespace MlNetTransfer.Workflows;

/// <summary>One property of a generated <c>ModelInput</c> class: a column of the model's saved input schema.</summary>
/// <param name="Column">The column's name as the model knows it (any text; the JSON name in the web API).</param>
/// <param name="Property">The C# property: a valid identifier, unique in the class (<c>[ColumnName]</c> maps it when it differs from <paramref name="Column"/>).</param>
/// <param name="CSharpType">The property's type: <c>string</c> (texts, categories, image paths), <c>float</c> (numbers), <c>bool</c>, another numeric type, or an array of one of these for a vector column.</param>
/// <param name="VectorDimensions">A vector column's dimensions (<c>[VectorType(…)]</c>; a single 0 for a vector of variable size); empty for a single value.</param>
/// <param name="IsImagePath">Whether a <c>LoadImages</c> step of the model reads the column as an image path.</param>
/// <param name="ImageFolder">For an image path, the folder the model's <c>LoadImages</c> step resolves relative paths against (null: the current folder).</param>
/// <param name="ReadByModel">Whether the prediction is computed from the column (a zip saved with its training data's schema lists its label as an input no prediction reads).</param>
public sealed record CodegenField(
    string Column,
    string Property,
    string CSharpType,
    IReadOnlyList<int> VectorDimensions,
    bool IsImagePath,
    string? ImageFolder,
    bool ReadByModel)
{
    /// <summary>Whether the column is a vector (the property an array).</summary>
    public bool IsVector => VectorDimensions.Count > 0;

    /// <summary>The type of one value: <see cref="CSharpType"/> without the array brackets.</summary>
    public string ElementType => IsVector ? CSharpType[..^2] : CSharpType;
}
