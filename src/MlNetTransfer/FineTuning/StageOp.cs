namespace MlNetTransfer.FineTuning;

/// <summary>One operator of the trainable part of a backbone, as <see cref="StageGraph"/> read it from the ONNX graph.</summary>
internal abstract record StageOp(string Output);

/// <summary>
/// Conv without bias, group 1, dilation 1: weight <see cref="Weight"/> [O, C, Kh, Kw] (ONNX layout), strides and pads
/// (top, left, bottom, right) as the node's attributes say.
/// </summary>
internal sealed record ConvOp(string Input, string Output, string Weight, int Kh, int Kw, int StrideH, int StrideW,
    int PadTop, int PadLeft, int PadBottom, int PadRight) : StageOp(Output);

/// <summary>BatchNormalization in inference mode: frozen <see cref="Mean"/> and <see cref="Variance"/>, trainable <see cref="Scale"/> and <see cref="Bias"/>.</summary>
internal sealed record BatchNormOp(string Input, string Output, string Scale, string Bias, string Mean, string Variance, float Epsilon) : StageOp(Output);

/// <summary>Relu.</summary>
internal sealed record ReluOp(string Input, string Output) : StageOp(Output);

/// <summary>Add of two tensors of the same shape (a residual connection).</summary>
internal sealed record AddOp(string Left, string Right, string Output) : StageOp(Output);

/// <summary>AveragePool whose kernel covers the whole image (no pads): the mean over positions, [N, C, 1, 1].</summary>
internal sealed record GlobalPoolOp(string Input, string Output) : StageOp(Output);

/// <summary>Flatten(axis=1) of a [N, C, 1, 1] tensor: the same values as [N, C].</summary>
internal sealed record FlattenOp(string Input, string Output) : StageOp(Output);
