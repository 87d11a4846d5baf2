using Microsoft.ML;

namespace MlNetTransfer.Workflows;

/// <summary>
/// A saved model loaded with stock <c>mlContext.Model.Load</c>. Dispose it: the ONNX steps hold sessions and
/// ML.NET keeps the backbone's bytes in a temp file until the transformer is disposed.
/// </summary>
public sealed class ModelFile : IDisposable
{
    private ModelFile(string path, ITransformer transformer, DataViewSchema inputSchema)
    {
        Path = path;
        Transformer = transformer;
        InputSchema = inputSchema;
    }

    /// <summary>Absolute path of the zip.</summary>
    public string Path { get; }

    /// <summary>The loaded pipeline; apply it with <c>Transform</c> or a prediction engine. Disposed with this object.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The columns the model takes as input.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The model's inputs, outputs and (for a classifier) labels, read on first use (<see cref="ModelContract.Read"/>).</summary>
    public ModelContract Contract => _contract ??= ModelContract.Read(Transformer, InputSchema);

    private ModelContract? _contract;

    /// <summary>
    /// Loads a model zip with <c>ml.Model.Load</c>, after registering this library's custom mappings
    /// (<see cref="ContractRegistry.RegisterAll"/>) so zips with text featurizers load. Any ML.NET zip loads; use
    /// <see cref="EnsureClassifier"/> before evaluating or predicting.
    /// </summary>
    /// <param name="ml">The context to load into.</param>
    /// <param name="path">The zip, absolute or relative to the current directory.</param>
    /// <exception cref="UserInputException">The file does not exist, or ML.NET cannot read it as a model zip (the message includes ML.NET's).</exception>
    public static ModelFile Load(MLContext ml, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new UserInputException($"Model '{full}' does not exist.");
        try
        {
            // Text featurizers save their tokenizers as custom mappings found by contract name.
            ContractRegistry.RegisterAll(ml);
            var transformer = ml.Model.Load(full, out var schema);
            return new ModelFile(full, transformer, schema);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or IOException)
        {
            throw new UserInputException($"'{full}' is not an ML.NET model zip: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks that the model is a classifier as <c>train</c> writes them (outputs <c>PredictedLabel</c> and <c>Score</c>);
    /// a zip of another ML.NET pipeline loads fine but cannot be evaluated or predicted with.
    /// </summary>
    public ModelFile EnsureClassifier()
    {
        var contract = Contract;
        if (!contract.IsClassifier)
            throw new UserInputException($"'{Path}' is an ML.NET model but not a classifier written by 'mlnet-transfer train': it has no {string.Join(" or ", contract.MissingClassifierOutputs)} output (its outputs: {string.Join(", ", contract.OutputSchema.Select(c => c.Name))}).");
        return this;
    }

    /// <summary>Saves <paramref name="model"/> with its input schema atomically.</summary>
    public static void Save(MLContext ml, ITransformer model, DataViewSchema inputSchema, string path) =>
        AtomicFile.Write(path, stream => ml.Model.Save(model, inputSchema, stream));

    /// <summary>Disposes the transformer: closes its ONNX Runtime sessions and deletes ML.NET's temporary copy of the backbone.</summary>
    public void Dispose() => (Transformer as IDisposable)?.Dispose();
}
