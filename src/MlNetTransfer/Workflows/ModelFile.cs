using System.Reflection;
using System.Runtime.ExceptionServices;
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
    /// (<see cref="ContractRegistry.RegisterAll"/>; ML.NET would also register them from the assembly name the zip
    /// records). Any ML.NET zip loads; use <see cref="EnsureClassifier"/> before evaluating or predicting. A zip with a
    /// minilm / arctic-xs step also needs that backbone's vocabulary file in a models folder (see
    /// <see cref="Featurizers.MiniLmTokenizeFactory"/>).
    /// </summary>
    /// <param name="ml">The context to load into.</param>
    /// <param name="path">The zip, absolute or relative to the current directory.</param>
    /// <exception cref="UserInputException">The file does not exist, ML.NET cannot read it as a model zip (the message
    /// includes ML.NET's), or a step cannot be recreated: a step of ours that says why (a vocabulary that is missing) is
    /// thrown as it is, without ML.NET's <see cref="TargetInvocationException"/>s around it; another (a custom mapping
    /// contract this assembly does not have) names ML.NET's innermost reason.</exception>
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
        catch (Exception e) when (Chain(e).OfType<UserInputException>().FirstOrDefault() is { } user)
        {
            // ML.NET creates each step by reflection: a factory's own error arrives inside its wrappers; show it alone.
            ExceptionDispatchInfo.Throw(user);
            throw;
        }
        catch (Exception e) when (Chain(e).Any(x => x is TargetInvocationException) && IsReadError(Chain(e).Last()))
        {
            throw new UserInputException($"'{full}' is an ML.NET model zip, but one of its steps could not be recreated: {Chain(e).Last().Message}", e);
        }
        catch (Exception e) when (IsReadError(e))
        {
            throw new UserInputException($"'{full}' is not an ML.NET model zip: {e.Message}", e);
        }
    }

    private static bool IsReadError(Exception e) => e is InvalidDataException or FormatException or InvalidOperationException or IOException;

    /// <summary><paramref name="e"/> and its inner exceptions, outermost first.</summary>
    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException) yield return x;
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

    /// <summary>
    /// Saves <paramref name="model"/> with its input schema (<c>ml.Model.Save</c>) and <paramref name="training"/>'s
    /// <see cref="TrainingRecord.EntryName"/> entry, as one atomic write: the record is added to the closed temp zip
    /// before it replaces <paramref name="path"/>, so no reader ever sees a zip without it. Every command that saves a
    /// model (train and what runs it: auto, fine-tuning, demo; adapt) saves through here.
    /// </summary>
    /// <param name="ml">The context that fitted the model.</param>
    /// <param name="model">The pipeline, from the model's inputs to its outputs.</param>
    /// <param name="inputSchema">The columns the model takes (the label left out).</param>
    /// <param name="training">What the run records beside the pipeline: the data's label column (<see cref="TrainingRecord.Of"/>).</param>
    /// <param name="path">The zip to write, relative to the current folder or absolute.</param>
    public static void Save(MLContext ml, ITransformer model, DataViewSchema inputSchema, TrainingRecord training, string path) =>
        AtomicFile.Write(path, stream => ml.Model.Save(model, inputSchema, stream), verify: training.AddTo);

    /// <summary>
    /// The zip's <see cref="TrainingRecord"/> (the label column its training data named), read on first use; null for a
    /// zip without one (saved before the record existed, or by another ML.NET program).
    /// </summary>
    /// <exception cref="UserInputException">The record is there but unreadable (see <see cref="TrainingRecord"/>).</exception>
    public TrainingRecord? Training => (_training ??= new Lazy<TrainingRecord?>(() => TrainingRecord.ReadFrom(Path))).Value;

    private Lazy<TrainingRecord?>? _training;

    /// <summary>Disposes the transformer: closes its ONNX Runtime sessions and deletes ML.NET's temporary copy of the backbone.</summary>
    public void Dispose() => (Transformer as IDisposable)?.Dispose();
}
