using MlNetTransfer.Heads;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// What <see cref="DannTrainer"/> learned: the adapter and label head as an <see cref="MlpModel"/> (one hidden ReLU layer
/// of <see cref="DannOptions.Hidden"/> units and a softmax) whose input standardisation is the <em>target</em> domain's
/// mean and standard deviation, so it predicts on target-domain inputs (saved with <see cref="MlpHead.Build"/>); the
/// source statistics it was trained with; and the history of every epoch.
/// </summary>
public sealed class DannModel
{
    internal DannModel(MlpModel model, float[] sourceMean, float[] sourceInverseStd, IReadOnlyList<DannEpoch> history)
    {
        Model = model;
        _sourceMean = sourceMean;
        _sourceInverseStd = sourceInverseStd;
        History = history;
    }

    private readonly float[] _sourceMean;
    private readonly float[] _sourceInverseStd;

    /// <summary>Adapter + label head with the target standardisation: target rows [d] -> class probabilities [classes].</summary>
    public MlpModel Model { get; }

    /// <summary>Per-input mean of the source rows, [d].</summary>
    public IReadOnlyList<float> SourceMean => _sourceMean;

    /// <summary>Per-input 1/std of the source rows (floored as <see cref="DannOptions.StdFloor"/>), [d].</summary>
    public IReadOnlyList<float> SourceInverseStd => _sourceInverseStd;

    /// <summary>Every epoch trained, in order.</summary>
    public IReadOnlyList<DannEpoch> History { get; }

    /// <summary>
    /// The adapter's output (the representation the label head and the discriminator read) for rows of one domain, each
    /// standardised with that domain's statistics: [n][d] -> [n][<see cref="DannOptions.Hidden"/>].
    /// </summary>
    public float[][] Represent(IReadOnlyList<float[]> rows, bool targetDomain)
    {
        var network = Model.Network;
        var acts = network.NewActivations(1);
        var result = new float[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            if (targetDomain) Model.Standardize(rows[r], acts[0]);
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Subtract(rows[r], _sourceMean, acts[0]);
                System.Numerics.Tensors.TensorPrimitives.Multiply(acts[0], _sourceInverseStd, acts[0]);
            }
            network.Forward(acts, 1);
            result[r] = (float[])acts[1].Clone();
        }
        return result;
    }

    /// <summary>Class probabilities of source-domain rows ([n][d] -> [n][classes]): the source standardisation, then the network.</summary>
    public float[][] PredictSource(IReadOnlyList<float[]> rows)
    {
        var network = Model.Network;
        var acts = network.NewActivations(1);
        var result = new float[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(rows[r], _sourceMean, acts[0]);
            System.Numerics.Tensors.TensorPrimitives.Multiply(acts[0], _sourceInverseStd, acts[0]);
            network.Forward(acts, 1);
            result[r] = (float[])acts[^1].Clone();
        }
        return result;
    }
}
