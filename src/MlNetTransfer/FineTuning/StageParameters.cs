using MlNetTransfer.Backbones;
using Onnx;

namespace MlNetTransfer.FineTuning;

/// <summary>
/// The trainable tensors of a <see cref="StageGraph"/> (Conv weights, BatchNormalization scales and biases, in graph
/// order), read from its initializers and written back into a backbone graph (<see cref="WriteInto"/>: only initializer
/// values change).
/// </summary>
internal sealed class StageParameters
{
    private StageParameters(IReadOnlyList<StageParameter> all) => All = all;

    /// <summary>Every trainable tensor, in graph order.</summary>
    public IReadOnlyList<StageParameter> All { get; }

    /// <summary>Total number of trainable values.</summary>
    public long Count => All.Sum(p => (long)p.Values.Length);

    /// <summary>The stage's current (pretrained) values.</summary>
    public static StageParameters From(StageGraph stage)
    {
        var all = new List<StageParameter>();
        float[] Values(string name) => OnnxGraphs.FloatValues(stage.Initializers[name], "fine-tuning");
        foreach (var op in stage.Ops)
        {
            switch (op)
            {
                case ConvOp conv:
                    var (c, _, _) = stage.Shapes[conv.Input];
                    var o = stage.Shapes[conv.Output].C;
                    all.Add(new StageParameter(conv.Weight, StageParameter.ToTraining(Values(conv.Weight), o, c, conv.Kh, conv.Kw), [conv.Kh * conv.Kw * c, o], conv));
                    break;
                case BatchNormOp bn:
                    var channels = stage.Shapes[bn.Output].C;
                    all.Add(new StageParameter(bn.Scale, Values(bn.Scale), [channels], null));
                    all.Add(new StageParameter(bn.Bias, Values(bn.Bias), [channels], null));
                    break;
            }
        }
        return new StageParameters(all);
    }

    /// <summary>A copy with its own arrays (a snapshot of the best epoch).</summary>
    public StageParameters Copy() => new(All.Select(p => p.Copy()).ToList());

    /// <summary>Copies <paramref name="source"/>'s values into these arrays (same stage).</summary>
    public void Load(StageParameters source)
    {
        for (var i = 0; i < All.Count; i++) source.All[i].Values.CopyTo(All[i].Values, 0);
    }

    /// <summary>
    /// Writes the values into <paramref name="graph"/>'s initializers of the same names (Conv weights back to [O, C, Kh, Kw]);
    /// nodes, names, dims, opset and inputs are untouched.
    /// </summary>
    public void WriteInto(GraphProto graph)
    {
        foreach (var p in All)
        {
            var values = p.Conv is { } conv ? StageParameter.ToOnnx(p.Values, (int)p.Dims[1], (int)p.Dims[0] / (conv.Kh * conv.Kw), conv.Kh, conv.Kw) : p.Values;
            OnnxGraphs.ReplaceFloats(graph, p.Name, values);
        }
    }
}
