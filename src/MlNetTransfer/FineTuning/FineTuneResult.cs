using Google.Protobuf;
using MlNetTransfer.Heads;
using Onnx;

namespace MlNetTransfer.FineTuning;

/// <summary>
/// What <see cref="StageFineTuner.Train"/> produced: the backbone graph with the trained stage written back (same nodes,
/// names, opset and input; only initializer values differ), the head trained with it, and the epochs.
/// </summary>
public sealed class FineTuneResult
{
    internal FineTuneResult(ModelProto backbone, MlpModel head, IReadOnlyList<FineTuneEpoch> history, int bestEpoch, long trainedParameters, StageParameters parameters)
    {
        Backbone = backbone;
        Head = head;
        History = history;
        BestEpoch = bestEpoch;
        TrainedParameters = trainedParameters;
        Parameters = parameters;
    }

    /// <summary>The fine-tuned backbone graph: the original with the best epoch's stage weights written into its initializers.</summary>
    public ModelProto Backbone { get; }

    /// <summary>The MLP head at the best epoch, on the fine-tuned backbone's embeddings.</summary>
    public MlpModel Head { get; }

    /// <summary>Epoch 0 (frozen backbone, warm-up head) and every joint epoch run.</summary>
    public IReadOnlyList<FineTuneEpoch> History { get; }

    /// <summary>The epoch whose weights were kept (0: fine-tuning never beat the frozen backbone on the validation split, so the backbone is unchanged).</summary>
    public int BestEpoch { get; }

    /// <summary>Number of backbone values trained (Conv weights, and BatchNormalization scales and biases when trained).</summary>
    public long TrainedParameters { get; }

    /// <summary>The best epoch's stage tensors in the training layout (the values written back).</summary>
    internal StageParameters Parameters { get; }

    /// <summary>Writes <see cref="Backbone"/> atomically to <paramref name="path"/>.</summary>
    public void SaveBackbone(string path) => Backbones.OnnxGraphs.Write(Backbone, path);

    /// <summary>The bytes of <see cref="Backbone"/>.</summary>
    public byte[] BackboneBytes() => Backbone.ToByteArray();
}
