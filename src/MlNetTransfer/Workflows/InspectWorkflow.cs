using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Workflows;

/// <summary>Describes an ONNX file (its tensors, and a manifest to start from) or a saved model (its steps and columns).</summary>
public static class InspectWorkflow
{
    /// <summary>
    /// An ONNX file's inputs and outputs, and either the manifest already beside it (<see cref="ExistingManifestPath"/>,
    /// its text in <see cref="ManifestTemplate"/>) or a manifest skeleton guessed from the tensors.
    /// </summary>
    /// <param name="Path">The ONNX file (full path).</param>
    /// <param name="Inputs">The graph's inputs (initializers left out).</param>
    /// <param name="Outputs">The graph's outputs.</param>
    /// <param name="ManifestTemplate">The existing manifest's text, or a draft: an image manifest, or a text one when the first input is integer token ids.</param>
    /// <param name="ExistingManifestPath"><c>&lt;name&gt;.json</c> beside the file when it exists, else null.</param>
    public sealed record OnnxReport(string Path, IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<OnnxTensorInfo> Outputs, string ManifestTemplate,
        string? ExistingManifestPath = null)
    {
        /// <summary>True when <see cref="ManifestTemplate"/> is a draft for a text backbone (int64/int32 token id input).</summary>
        public bool IsTextDraft => ExistingManifestPath is null && Inputs.FirstOrDefault()?.ElementType is "int64" or "int32";
    }

    /// <summary>A saved model's steps (transformer types, in order), input columns and output columns.</summary>
    public sealed record ModelReport(string Path, IReadOnlyList<string> Steps, IReadOnlyList<string> InputColumns, IReadOnlyList<string> OutputColumns);

    /// <summary>
    /// Reads an ONNX file's graph inputs and outputs. When <c>&lt;name&gt;.json</c> lies beside it, that manifest is the
    /// report's (nothing is guessed). Otherwise a manifest is drafted from the first input and output: for integer token
    /// ids (int64/int32, a text encoder) a text manifest (vocabulary <c>&lt;name&gt;.vocab.txt</c>, max length the input's
    /// second dimension or 512, the attention mask and token type tensors when inputs of those names exist, mean pooling;
    /// embedding size = the output's last dimension); else an image manifest: embedding size = product of the output's
    /// dimensions after the first (a symbolic one counts 1), width and height = the input's dimensions 3 and 2
    /// ([batch, channels, height, width]), 224 where not a positive number.
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
        var manifest = System.IO.Path.ChangeExtension(full, ".json");
        if (File.Exists(manifest)) return new OnnxReport(full, inputs, outputs, File.ReadAllText(manifest), manifest);
        var name = System.IO.Path.GetFileNameWithoutExtension(full);
        if (input?.ElementType is "int64" or "int32")
        {
            var last = output is { Shape.Count: > 0 } && int.TryParse(output.Shape[^1], out var d) && d > 0 ? d : 0;
            return new OnnxReport(full, inputs, outputs, BackboneManifest.TextTemplate(name, System.IO.Path.GetFileName(full), input.Name,
                output?.Name ?? "", last, new TextPreprocessing
                {
                    Vocab = name + ".vocab.txt",
                    MaxLength = Dim(input, 1, 512),
                    AttentionMask = inputs.FirstOrDefault(i => i.Name.Contains("attention_mask", StringComparison.OrdinalIgnoreCase))?.Name ?? "",
                    TokenTypeIds = inputs.FirstOrDefault(i => i.Name.Contains("token_type", StringComparison.OrdinalIgnoreCase))?.Name,
                }));
        }
        var template = BackboneManifest.Template(name, System.IO.Path.GetFileName(full),
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
