namespace MlNetTransfer.FineTuning;

/// <summary>
/// One trainable tensor of a stage in the layout the training graphs use: a Conv weight as [Kh·Kw·C, O] (row
/// (kh·Kw + kw)·C + c, column o: the GEMM of a channels-last im2col), a BatchNormalization scale or bias as [C].
/// </summary>
/// <param name="Name">The initializer's name in the backbone graph, also the training graphs' input name.</param>
/// <param name="Values">The values, row-major in the training layout. The live array: the optimiser updates it in place.</param>
/// <param name="Dims">Dims of the training layout: [Kh·Kw·C, O] or [C].</param>
/// <param name="Conv">The Conv whose weight this is; null for a BatchNormalization scale or bias.</param>
internal sealed record StageParameter(string Name, float[] Values, long[] Dims, ConvOp? Conv)
{
    /// <summary>Whether weight decay applies: Conv weights yes, BatchNormalization scales and biases no (as for biases in the MLP head).</summary>
    public bool Decays => Conv is not null;

    /// <summary>A copy with its own values array.</summary>
    public StageParameter Copy() => this with { Values = (float[])Values.Clone() };

    /// <summary>Conv weight [O, C, Kh, Kw] (ONNX) to [Kh·Kw·C, O].</summary>
    public static float[] ToTraining(float[] onnx, int o, int c, int kh, int kw)
    {
        var result = new float[onnx.Length];
        for (var oo = 0; oo < o; oo++)
            for (var cc = 0; cc < c; cc++)
                for (var y = 0; y < kh; y++)
                    for (var x = 0; x < kw; x++)
                        result[((y * kw + x) * c + cc) * o + oo] = onnx[((oo * c + cc) * kh + y) * kw + x];
        return result;
    }

    /// <summary>Conv weight [Kh·Kw·C, O] back to [O, C, Kh, Kw] (ONNX).</summary>
    public static float[] ToOnnx(float[] training, int o, int c, int kh, int kw)
    {
        var result = new float[training.Length];
        for (var oo = 0; oo < o; oo++)
            for (var cc = 0; cc < c; cc++)
                for (var y = 0; y < kh; y++)
                    for (var x = 0; x < kw; x++)
                        result[((oo * c + cc) * kh + y) * kw + x] = training[((y * kw + x) * c + cc) * o + oo];
        return result;
    }
}
