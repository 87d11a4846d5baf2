namespace MlNetTransfer.Backbones;

/// <summary>A graph input or output: name, element type and shape (a dimension is a number or a symbolic name).</summary>
public sealed record OnnxTensorInfo(string Name, string ElementType, IReadOnlyList<string> Shape)
{
    /// <summary>The tensor as <c>name: type[dims]</c>, for example <c>image: float[batch,3,224,224]</c>.</summary>
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(",", Shape)}]";
}
