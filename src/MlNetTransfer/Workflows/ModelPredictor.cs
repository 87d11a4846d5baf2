using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// A saved single-input model (an image model, or a model with one text column) loaded once and safe to predict from
/// many threads at once. ML.NET's <see cref="PredictionEngine{TSrc, TDst}"/> is not thread-safe, so no engine is
/// shared: each call rents one from a pool (creating it when the pool is empty) and returns it, so at most as many
/// engines exist as calls ever ran at the same time. Dispose it when done (not while calls are running): it disposes
/// the pooled engines and the model, whose ONNX steps hold sessions and temp copies of their bytes.
/// </summary>
public sealed class ModelPredictor : IDisposable
{
    private readonly MLContext _ml;
    private readonly string _modelPath;
    /// <summary>Null once disposed: a disposed predictor that is still referenced must not pin the model (see <see cref="Dispose"/>).</summary>
    private ModelFile? _model;
    private readonly SchemaDefinition _inputDefinition;
    private readonly SchemaDefinition _outputDefinition;
    private readonly bool _binary;
    private readonly long _maxImagePixels;
    private readonly ConcurrentBag<PredictionEngine<PredictorInput, PredictorOutput>> _idle = [];
    private readonly Lock _createLock = new();
    private int _enginesCreated;
    private volatile bool _disposed;

    private ModelPredictor(MLContext ml, ModelFile model, string inputColumn, bool isImageModel, IReadOnlyList<string> labels, bool binary, long maxImagePixels)
    {
        _maxImagePixels = maxImagePixels;
        _ml = ml;
        _model = model;
        _modelPath = model.Path;
        InputColumn = inputColumn;
        IsImageModel = isImageModel;
        Labels = labels;
        _binary = binary;
        _inputDefinition = SchemaDefinition.Create(typeof(PredictorInput));
        _inputDefinition[0].ColumnName = inputColumn;
        _outputDefinition = SchemaDefinition.Create(typeof(PredictorOutput));
        _outputDefinition.RemoveAll(c => c.ColumnName == (binary ? ClassificationHead.Score : ClassificationHead.Probability));
    }

    /// <summary>The model's labels, in the order of <see cref="Prediction.Probabilities"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The model's one input column: <c>ImagePath</c> for an image model, else the text column's name.</summary>
    public string InputColumn { get; }

    /// <summary>Whether inputs are image paths (else they are texts).</summary>
    public bool IsImageModel { get; }

    /// <summary>How many prediction engines the pool has created so far (never more than the peak number of concurrent calls).</summary>
    public int EnginesCreated => Volatile.Read(ref _enginesCreated);

    /// <summary>
    /// Loads <paramref name="modelPath"/> (a zip saved by <see cref="TrainWorkflow"/>) with <paramref name="ml"/>
    /// (default: a new <c>MLContext(0)</c>; its <c>TempFilePath</c> is where ML.NET copies the ONNX bytes while the model is loaded).
    /// </summary>
    /// <param name="modelPath">The model zip.</param>
    /// <param name="ml">The context to load with.</param>
    /// <param name="maxImagePixels">An image whose header announces more pixels is refused before decoding. Default <see cref="Defaults.MaxImagePixels"/>.</param>
    /// <exception cref="UserInputException">The file is missing or not such a zip, or the model takes more than one column.</exception>
    public static ModelPredictor Load(string modelPath, MLContext? ml = null, long maxImagePixels = Defaults.MaxImagePixels)
    {
        ml ??= new MLContext(0);
        var model = ModelFile.Load(ml, modelPath);
        try
        {
            var columns = model.InputSchema.ToList();
            if (columns.Count != 1 || columns[0].Type is not TextDataViewType)
                throw new UserInputException($"'{model.Path}' takes {columns.Count} columns ({string.Join(", ", columns.Select(c => $"{c.Name}: {c.Type}"))}): "
                    + "predicting one input needs a model with a single image or text column.");
            var contract = model.Contract;
            var labels = contract.Labels ?? ScoredView.Labels(contract.OutputSchema); // the latter throws, naming the missing column
            return new ModelPredictor(ml, model, columns[0].Name, columns[0].Name == Dataset.ImagePathColumn, labels, contract.IsBinary, maxImagePixels);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Predicts one input: for an image model the path of an image (relative to the current folder or absolute), for
    /// a text model the text. Thread-safe. An EXIF-rotated image is predicted upright (<see cref="ImageOrientation"/>: an
    /// upright copy in the temp folder, deleted after the call); one whose header announces more pixels than the limit
    /// given to <see cref="Load"/> is refused before decoding. The returned <see cref="Prediction.Id"/> is the full image path or the text.
    /// </summary>
    /// <exception cref="UserInputException">The image does not exist, is too large or cannot be decoded (the message names it).</exception>
    public Prediction Predict(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var value = input;
        if (IsImageModel)
        {
            if (input.Contains('\0') || string.IsNullOrWhiteSpace(input))
                throw new UserInputException($"'{input.Replace("\0", "\\0")}' is not an image path.");
            value = Path.GetFullPath(input);
            if (!File.Exists(value)) throw new UserInputException($"Image '{value}' does not exist.");
            if (ImageCheck.PixelProblem(value, _maxImagePixels) is { } tooLarge) throw new UserInputException($"Could not read image '{value}': {tooLarge}.");
        }
        var fed = value;
        if (IsImageModel && ImageOrientation.Read(value) != 1)
        {
            fed = Path.Combine(Path.GetTempPath(), $"mlnet-transfer-upright-{Guid.NewGuid():N}.png");
            try { ImageOrientation.WriteUpright(value, fed); }
            catch (InvalidOperationException) { fed = value; } // undecodable: the engine fails on the original, which names it
        }
        var engine = Rent();
        PredictorOutput output;
        try
        {
            output = engine.Predict(new PredictorInput { Value = fed });
        }
        catch (Exception e)
        {
            // The engine may hold half-read state: drop it rather than return it to the pool. Not disposed: disposing
            // a PredictionEngine disposes the loaded model's shared ONNX sessions too (every other engine then fails
            // with a NullReferenceException inside InferenceSession.Run); the model's Dispose releases them.
            if (IsImageModel && e is not OutOfMemoryException) throw Explain(value, e);
            throw;
        }
        finally
        {
            if (!ReferenceEquals(fed, value)) File.Delete(fed);
        }
        Return(engine);
        var probabilities = _binary ? ScoredView.BinaryProbabilities(output.Probability) : ScoredView.NormalizedScores(output.Score);
        if (probabilities.Length != Labels.Count)
            throw new InvalidOperationException($"The model scores {probabilities.Length} classes but names {Labels.Count} labels.");
        return new Prediction(value, output.PredictedLabel, probabilities);
    }

    /// <summary>Disposes the pooled engines and the model. Calls must not be running; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>
    /// Engines are disposed only here, with the model: disposing one disposes the model's shared ONNX sessions.
    /// The model is also let go: ML.NET's disposed ONNX step still holds the parsed ONNX graph (ResNet18: ~115 MB of
    /// managed float arrays), so a disposed predictor that something still references (a field, a container, a
    /// <c>using</c> variable the JIT reports live to the end of its method) would otherwise keep all of it alive.
    /// </remarks>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        while (_idle.TryTake(out var engine)) engine.Dispose();
        ModelFile? model;
        lock (_createLock) (model, _model) = (_model, null);
        model?.Dispose();
    }

    private PredictionEngine<PredictorInput, PredictorOutput> Rent()
    {
        if (_idle.TryTake(out var engine)) return engine;
        lock (_createLock)
        {
            ObjectDisposedException.ThrowIf(_disposed || _model is null, this);
            engine = _ml.Model.CreatePredictionEngine<PredictorInput, PredictorOutput>(_model.Transformer, ignoreMissingColumns: false,
                inputSchemaDefinition: _inputDefinition, outputSchemaDefinition: _outputDefinition);
            _enginesCreated++;
            return engine;
        }
    }

    private void Return(PredictionEngine<PredictorInput, PredictorOutput> engine)
    {
        _idle.Add(engine);
        // Dispose raced with this call: nothing else will empty the pool.
        if (_disposed)
            while (_idle.TryTake(out var idle)) idle.Dispose();
    }

    /// <summary>An image that failed inside the engine: ML.NET's decoder names the reason when the file is not an image.</summary>
    private UserInputException Explain(string path, Exception e)
    {
        var dataset = new Dataset(path, [path], null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, [path])]);
        if (ImageCheck.FirstUndecodable(dataset, 0) is { } culprit)
            return new UserInputException(MessageText.Capitalized(culprit) + ".", e);
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return new UserInputException($"Predicting image '{path}' with '{_modelPath}' failed: {inner.Message}", e);
    }
}
