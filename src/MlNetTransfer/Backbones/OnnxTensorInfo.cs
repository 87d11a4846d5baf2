namespace MlNetTransfer.Backbones;

/// <summary>A graph input or output: name, element type and shape (a dimension is a number or a symbolic name).</summary>
public sealed record OnnxTensorInfo(string Name, string ElementType, IReadOnlyList<string> Shape)
{
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(",", Shape)}]";
}
