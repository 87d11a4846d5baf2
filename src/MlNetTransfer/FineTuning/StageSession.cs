using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Engine;

namespace MlNetTransfer.FineTuning;

/// <summary>
/// The ONNX Runtime sessions of one fine-tuning run (float): the stage's forward graph and, when a head is given, its
/// training step (<see cref="GradientGraphs"/>). Trainable tensors are bound once as inputs over their live arrays, so
/// an optimiser that updates those arrays in place is seen by the next run.
/// </summary>
internal sealed class StageSession : IDisposable
{
    private readonly StageGraph _stage;
    private readonly InferenceSession _forward;
    private readonly InferenceSession? _train;
    private readonly List<string> _names = [];
    private readonly List<OrtValue> _values = [];
    private readonly string[] _trainOutputs = [];
    private readonly int[] _headSizes = [];

    /// <param name="stage">The stage.</param>
    /// <param name="parameters">Its trainable tensors (live arrays).</param>
    /// <param name="head">The head whose arrays (mean, 1/std, weights, biases) the training step reads; null for forward only.</param>
    /// <param name="trainBatchNorm">Whether the step computes BatchNormalization scale and bias gradients.</param>
    /// <param name="threads">Intra-op threads; null: the cores.</param>
    public StageSession(StageGraph stage, StageParameters parameters, Heads.MlpModel? head, bool trainBatchNorm, int? threads)
    {
        _stage = stage;
        foreach (var p in parameters.All) Bind(p.Name, p.Values, p.Dims);
        using (var options = EngineSessions.CreateOptions(threads, device: null))
        {
            _forward = new InferenceSession(GradientGraphs.Forward(stage, parameters).ToByteArray(), options);
            if (head is null) return;
            var network = head.Network;
            _headSizes = network.Sizes;
            Bind(GradientGraphs.HeadMean, head.Mean, [head.Mean.Length]);
            Bind(GradientGraphs.HeadInverseStd, head.InverseStd, [head.InverseStd.Length]);
            for (var l = 0; l < network.Layers; l++)
            {
                Bind(GradientGraphs.HeadWeight(l), network.Weights[l], [network.Sizes[l], network.Sizes[l + 1]]);
                Bind(GradientGraphs.HeadBias(l), network.Biases[l], [network.Sizes[l + 1]]);
            }
            var model = GradientGraphs.TrainStep(stage, parameters, network.Sizes, trainBatchNorm);
            _train = new InferenceSession(model.ToByteArray(), options);
            _trainOutputs = model.Graph.Output.Select(o => o.Name).ToArray();
        }
    }

    private void Bind(string name, float[] values, long[] dims)
    {
        _names.Add(name);
        _values.Add(OrtValue.CreateTensorValueFromMemory(values, dims));
    }

    /// <summary>Embeddings [rows][E] of the cut activations of <paramref name="rows"/>, in batches of <paramref name="batch"/>.</summary>
    public float[][] Forward(IReadOnlyList<float[]> cut, IReadOnlyList<int> rows, int batch = 32)
    {
        var size = _stage.Cut.Size;
        var embedding = _stage.EmbeddingSize;
        var result = new float[rows.Count][];
        var buffer = new float[batch * size];
        var forwardInputs = _forward.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        for (var start = 0; start < rows.Count; start += batch)
        {
            var count = Math.Min(batch, rows.Count - start);
            for (var i = 0; i < count; i++) cut[rows[start + i]].CopyTo(buffer, i * size);
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, count * size), [count, size]);
            var names = new List<string> { GradientGraphs.CutInput };
            var values = new List<OrtValue> { input };
            for (var p = 0; p < _names.Count; p++)
                if (forwardInputs.Contains(_names[p])) { names.Add(_names[p]); values.Add(_values[p]); }
            using var runOptions = new RunOptions();
            using var outputs = _forward.Run(runOptions, names, values, [GradientGraphs.Embedding]);
            var data = outputs[0].GetTensorDataAsSpan<float>();
            for (var i = 0; i < count; i++) result[start + i] = data.Slice(i * embedding, embedding).ToArray();
        }
        return result;
    }

    /// <summary>
    /// One training step on a batch: <paramref name="cut"/> [rows·C·H·W], <paramref name="targets"/> [rows·classes] (weighted
    /// one-hot, weights summing to 1), <paramref name="masks"/>[l] [rows·units of hidden layer l]. Calls
    /// <paramref name="gradient"/> with each output's name and values (valid during the call), returns the loss.
    /// </summary>
    public double Step(float[] cut, float[] targets, float[][] masks, int rows, Action<string, ReadOnlySpan<float>> gradient)
    {
        if (_train is null) throw new InvalidOperationException("This session has no head: it cannot train.");
        var disposables = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, cut.AsMemory(0, rows * _stage.Cut.Size), [rows, _stage.Cut.Size]),
            OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, targets.AsMemory(0, rows * _headSizes[^1]), [rows, _headSizes[^1]]),
        };
        var names = new List<string>(_names) { GradientGraphs.CutInput, GradientGraphs.Targets };
        for (var l = 0; l < masks.Length; l++)
        {
            disposables.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, masks[l].AsMemory(0, rows * _headSizes[l + 1]), [rows, _headSizes[l + 1]]));
            names.Add(GradientGraphs.Mask(l));
        }
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _train.Run(runOptions, names, [.. _values, .. disposables], _trainOutputs);
            double loss = 0;
            for (var o = 0; o < _trainOutputs.Length; o++)
            {
                var data = outputs[o].GetTensorDataAsSpan<float>();
                if (_trainOutputs[o] == GradientGraphs.Loss) loss = data[0];
                else gradient(_trainOutputs[o], data);
            }
            return loss;
        }
        finally
        {
            foreach (var d in disposables) d.Dispose();
        }
    }

    /// <summary>Releases the sessions and the bound inputs.</summary>
    public void Dispose()
    {
        _forward.Dispose();
        _train?.Dispose();
        foreach (var v in _values) v.Dispose();
    }
}
