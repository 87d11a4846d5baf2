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

    /// <summary>
    /// Reads an ONNX file's graph inputs and outputs and drafts a manifest for it as an image backbone: the first input and
    /// output, embedding size = product of the output's dimensions after the first (a symbolic one counts 1), width and
    /// height = the input's dimensions 3 and 2 ([batch, channels, height, width]), 224 where not a positive number.
    /// </summary>
    /// <param name="path">The .onnx file.</param>
    /// <exception cref="UserInputException">The file does not exist or is not an ONNX model.</exception>
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

    /// <summary>
    /// Loads a model zip with stock ML.NET and lists its transformers in order (chains flattened, by .NET type name), its
    /// input columns and its visible output columns, each as <c>name: type</c>.
    /// </summary>
    /// <param name="path">An ML.NET model zip (any pipeline, not only one written by <c>train</c>).</param>
    /// <exception cref="UserInputException">The file does not exist or is not an ML.NET model zip.</exception>
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
