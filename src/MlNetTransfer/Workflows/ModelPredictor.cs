using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// A saved classifier or regression model whose predictions need one input — an image path or a text — loaded once and
/// safe to predict from many threads at once. Any such ML.NET zip serves: those written by <c>train</c> / <see cref="TrainWorkflow"/>, and
/// those built from stock steps (<c>ExtractImageEmbeddings -&gt; MapValueToKey -&gt; LbfgsMaximumEntropy [-&gt;
/// MapKeyToValue]</c>, a binary trainer with a Boolean <c>PredictedLabel</c> and <c>Probability</c>), including zips
/// saved with their training data's schema, whose label is an input no prediction reads (it is given a default value).
/// ML.NET's <see cref="PredictionEngine{TSrc, TDst}"/> is not thread-safe, so no engine is shared: each call rents one
/// from a pool (creating it when the pool is empty) and returns it, so at most as many engines exist as calls ever ran
/// at the same time. Engines are created with <see cref="PredictionEngineOptions.OwnsTransformer"/> = false, so
/// disposing one never disposes the model. Dispose the predictor when done (not while calls are running): it disposes
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
    private readonly DataViewType? _predictedType;
    private readonly bool _binary;
    private readonly string? _imageFolder;
    private readonly long _maxImagePixels;
    private readonly ConcurrentBag<PredictionEngine<PredictorInput, PredictorOutput>> _idle = [];
    private readonly Lock _createLock = new();
    private int _enginesCreated;
    private volatile bool _disposed;

    private ModelPredictor(MLContext ml, ModelFile model, string inputColumn, bool isImageModel, string? imageFolder, IReadOnlyList<string> labels,
        long maxImagePixels)
    {
        var contract = model.Contract;
        _maxImagePixels = maxImagePixels;
        _ml = ml;
        _model = model;
        _modelPath = model.Path;
        InputColumn = inputColumn;
        IsImageModel = isImageModel;
        _imageFolder = imageFolder;
        Labels = labels;
        IsRegression = contract.IsRegression;
        _inputDefinition = PredictorInput.Definition(contract.InputSchema.Where(c => !c.IsHidden).ToList(), inputColumn, model.Path);
        if (IsRegression)
        {
            _outputDefinition = PredictorOutput.RegressionDefinition();
            return;
        }
        _binary = contract.IsBinary;
        _predictedType = contract.OutputSchema[ClassificationHead.PredictedLabel].Type;
        _outputDefinition = PredictorOutput.Definition(_predictedType, _binary);
    }

    /// <summary>The model's labels, in the order of <see cref="Prediction.Probabilities"/> (<see cref="ScoredView.Labels"/> says where they are read from); empty for a regression model.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Whether the model predicts a number (a float <c>Score</c> and no <c>PredictedLabel</c>, as <c>train --task regression</c> writes): see <see cref="PredictValue"/>.</summary>
    public bool IsRegression { get; }

    /// <summary>The one input column the predictions are computed from: <c>ImagePath</c> for a model written by <c>train</c> on images, else the column's name.</summary>
    public string InputColumn { get; }

    /// <summary>Whether inputs are image paths (a <c>LoadImages</c> step of the pipeline reads <see cref="InputColumn"/>), else texts.</summary>
    public bool IsImageModel { get; }

    /// <summary>How many prediction engines the pool has created so far (never more than the peak number of concurrent calls).</summary>
    public int EnginesCreated => Volatile.Read(ref _enginesCreated);

    /// <summary>
    /// Loads <paramref name="modelPath"/> with <paramref name="ml"/> (default: a new <c>MLContext(0)</c>; its
    /// <c>TempFilePath</c> is where ML.NET copies the ONNX bytes while the model is loaded) and checks it can serve:
    /// a classifier (<c>PredictedLabel</c> as text, key or Boolean; <c>Score</c>; <c>Probability</c> for a binary one)
    /// whose labels its outputs name, or a regression model (<see cref="ModelContract.IsRegression"/>), whose predictions need exactly one text input column, other input columns
    /// being given default values. The input is an image path when a <c>LoadImages</c> step reads it (relative paths
    /// are then resolved against that step's image folder, if it has one), else a text.
    /// </summary>
    /// <param name="modelPath">The model zip.</param>
    /// <param name="ml">The context to load with.</param>
    /// <param name="maxImagePixels">An image whose header announces more pixels is refused before decoding. Default <see cref="Defaults.MaxImagePixels"/>.</param>
    /// <exception cref="UserInputException">
    /// The file is missing or not an ML.NET zip; the model is neither a classifier nor a regression model, does not name its labels, or needs
    /// several inputs (or a non-text one) to predict. The message names what the zip has.
    /// </exception>
    public static ModelPredictor Load(string modelPath, MLContext? ml = null, long maxImagePixels = Defaults.MaxImagePixels)
    {
        ml ??= new MLContext(0);
        var model = ModelFile.Load(ml, modelPath);
        try
        {
            var contract = model.Contract;
            var labels = contract.IsRegression ? [] : ClassifierLabels(model);
            var needed = contract.RequiredInputs.Select(name => contract.InputSchema[name]).ToList();
            if (needed.Count != 1 || needed[0].Type is not TextDataViewType)
            {
                var inputs = string.Join(", ", contract.InputSchema.Where(c => !c.IsHidden).Select(c => $"{c.Name}: {c.Type}"));
                throw new UserInputException(needed.Count == 0
                    ? $"'{model.Path}' computes its predictions from none of its inputs ({inputs}): there is nothing to predict from."
                    : $"'{model.Path}' needs {(needed.Count == 1 ? "the input" : $"{needed.Count} inputs")} {string.Join(", ", needed.Select(c => $"{c.Name}: {c.Type}"))} to predict "
                      + $"(its inputs: {inputs}); ModelPredictor predicts from one image path or one text. "
                      + "Score such a model with mlContext.Model.CreatePredictionEngine (one per thread) or Transform.");
            }
            var input = needed[0].Name;
            var isImage = contract.ImageInputs.TryGetValue(input, out var folder);
            return new ModelPredictor(ml, model, input, isImage, folder, labels, maxImagePixels);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>A classifier's labels, after checking its outputs can be served.</summary>
    private static IReadOnlyList<string> ClassifierLabels(ModelFile model)
    {
        var contract = model.Contract;
        var outputs = ScoredView.Describe(contract.OutputSchema);
        if (!contract.IsClassifier)
            throw new UserInputException($"'{model.Path}' is an ML.NET model but neither a classifier nor a regression model: it has no {string.Join(" or ", contract.MissingClassifierOutputs)} output "
                + $"(its outputs: {outputs}). ModelPredictor serves classifiers with PredictedLabel and Score outputs, and regression models with a float Score.");
        var labels = contract.Labels ?? ScoredView.Labels(contract.OutputSchema); // the latter throws, naming the outputs
        if (ScoredView.OutputProblem(contract.OutputSchema, labels) is { } problem)
            throw new UserInputException($"'{model.Path}' cannot be served by ModelPredictor: {problem} (its outputs: {outputs}).");
        return labels;
    }

    /// <summary>
    /// Predicts one input: for an image model the path of an image (absolute, or relative to the image folder of the
    /// model's <c>LoadImages</c> step when it has one, else to the current folder), for a text model the text.
    /// Thread-safe. An EXIF-rotated image is predicted upright (<see cref="ImageOrientation"/>: an upright copy in the
    /// temp folder, deleted after the call); one whose header announces more pixels than the limit given to
    /// <see cref="Load"/> is refused before decoding. The returned <see cref="Prediction.Id"/> is the full image path or
    /// the text; <see cref="Prediction.Predicted"/> is the label's text (<c>True</c>/<c>False</c> for a Boolean one), or
    /// for a regression model the number as <c>predict</c> writes it (round-trip format) with no probabilities.
    /// </summary>
    /// <exception cref="UserInputException">The image does not exist, is too large or cannot be decoded (the message names it).</exception>
    public Prediction Predict(string input)
    {
        var (id, output) = Run(input);
        if (IsRegression) return new Prediction(id, RegressionScores.Format(output.Value), []);
        var probabilities = _binary ? ScoredView.BinaryProbabilities(output.Probability) : ScoredView.NormalizedScores(output.Score);
        if (probabilities.Length != Labels.Count)
            throw new InvalidOperationException($"The model scores {probabilities.Length} classes but names {Labels.Count} labels.");
        return new Prediction(id, output.Predicted(_predictedType!, Labels), probabilities);
    }

    /// <summary>A regression model's prediction for one input (as <see cref="Predict"/> reads it): the full image path or the text, and the number. Thread-safe.</summary>
    /// <exception cref="InvalidOperationException">The model is a classifier (<see cref="IsRegression"/> is false).</exception>
    /// <exception cref="UserInputException">The image does not exist, is too large or cannot be decoded.</exception>
    public RegressionPrediction PredictValue(string input)
    {
        if (!IsRegression) throw new InvalidOperationException($"'{_modelPath}' is a classifier: use Predict, which gives its label and probabilities.");
        var (id, output) = Run(input);
        return new RegressionPrediction(id, output.Value);
    }

    /// <summary>Feeds one input through a pooled engine: the id (full image path or the text) and the engine's output.</summary>
    private (string Id, PredictorOutput Output) Run(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var value = input;
        if (IsImageModel)
        {
            if (input.Contains('\0') || string.IsNullOrWhiteSpace(input))
                throw new UserInputException($"'{input.Replace("\0", "\\0")}' is not an image path.");
            value = Path.GetFullPath(_imageFolder is null ? input : Path.Combine(_imageFolder, input));
            if (ImageCheck.NotAFile(value) is { } missing) throw new UserInputException(missing + ".");
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
            // The engine may hold half-read state: dispose it rather than return it to the pool. Safe: it does not own
            // the model (OwnsTransformer = false), so the model's shared ONNX sessions stay open for every other engine.
            engine.Dispose();
            if (IsImageModel && e is not OutOfMemoryException) throw Explain(value, e);
            throw;
        }
        finally
        {
            if (!ReferenceEquals(fed, value)) File.Delete(fed);
        }
        Return(engine);
        return (value, output);
    }

    /// <summary>Disposes the pooled engines and the model. Calls must not be running; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>
    /// The engines do not own the model (<see cref="PredictionEngineOptions.OwnsTransformer"/> = false), so the model is
    /// disposed once, here, after them. The model is also let go: ML.NET's disposed ONNX step still holds the parsed
    /// ONNX graph (ResNet18: ~115 MB of managed float arrays), so a disposed predictor that something still references
    /// (a field, a container, a <c>using</c> variable the JIT reports live to the end of its method) would otherwise
    /// keep all of it alive.
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
            engine = _ml.Model.CreatePredictionEngine<PredictorInput, PredictorOutput>(_model.Transformer, new PredictionEngineOptions
            {
                IgnoreMissingColumns = false,
                InputSchemaDefinition = _inputDefinition,
                OutputSchemaDefinition = _outputDefinition,
                OwnsTransformer = false, // disposing an engine must never dispose the shared model
            });
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
        var dataset = new Dataset(path, [path], null, [new DatasetColumn(InputColumn, ColumnRole.Image, [path])]);
        if (ImageCheck.FirstUndecodable(dataset, 0) is { } culprit)
            return new UserInputException(MessageText.Capitalized(culprit) + ".", e);
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return new UserInputException($"Predicting image '{path}' with '{_modelPath}' failed: {inner.Message}", e);
    }
}
