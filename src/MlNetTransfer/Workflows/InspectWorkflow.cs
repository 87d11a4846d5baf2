using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Workflows;

/// <summary>Describes an ONNX file (its tensors, and a manifest to start from) or a saved model (its steps and columns).</summary>
public static class InspectWorkflow
{
    /// <summary>An ONNX file's inputs and outputs, and a manifest skeleton guessed from them.</summary>
    public sealed record OnnxReport(string Path, IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<OnnxTensorInfo> Outputs, string ManifestTemplate);

    /// <summary>A saved model's steps (transformer types, in order), input columns and output columns.</summary>
    public sealed record ModelReport(string Path, IReadOnlyList<string> Steps, IReadOnlyList<string> InputColumns, IReadOnlyList<string> OutputColumns);

    public static OnnxReport Onnx(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var model = OnnxGraphs.Read(full);
        var inputs = OnnxGraphs.Inputs(model);
        var outputs = OnnxGraphs.Outputs(model);
        static int Dim(OnnxTensorInfo t, int i, int fallback) => t.Shape.Count > i && int.TryParse(t.Shape[i], out var d) && d > 0 ? d : fallback;
        var input = inputs.FirstOrDefault();
        var output = outputs.FirstOrDefault();
        var embedding = output is null ? 0 : output.Shape.Skip(1).Select(s => int.TryParse(s, out var d) ? d : 1).Aggregate(1, (a, b) => a * b);
        var template = BackboneManifest.Template(System.IO.Path.GetFileNameWithoutExtension(full), System.IO.Path.GetFileName(full),
            input?.Name ?? "", output?.Name ?? "", embedding, input is null ? 224 : Dim(input, 3, 224), input is null ? 224 : Dim(input, 2, 224));
        return new OnnxReport(full, inputs, outputs, template);
    }

    public static ModelReport Model(string path)
    {
        var ml = new MLContext(0);
        using var model = ModelFile.Load(ml, path);
        var steps = new List<string>();
        void Walk(ITransformer t)
        {
            if (t is IEnumerable<ITransformer> chain) foreach (var inner in chain) Walk(inner);
            else steps.Add(t.GetType().Name);
        }
        Walk(model.Transformer);
        var contract = model.Contract;
        static string Describe(DataViewSchema.Column c) => $"{c.Name}: {c.Type}";
        return new ModelReport(model.Path, steps, contract.InputSchema.Select(Describe).ToList(),
            contract.Outputs.Select(Describe).ToList());
    }
}
