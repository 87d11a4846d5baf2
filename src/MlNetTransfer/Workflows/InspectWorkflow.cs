using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;
using MlNetTransfer.FineTuning;
using Microsoft.ML.Transforms;

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

    /// <summary>
    /// What a saved model is made of, in words: its task and labels, the inputs it reads, the feature parts (backbone,
    /// text featurizer, numeric, categorical, series: which inputs, how many values), any feature-space step, and the
    /// head; then the ML.NET steps themselves (type names, generic arguments spelled out).
    /// </summary>
    /// <param name="Path">The zip (full path).</param>
    /// <param name="Task">"classification" (with <see cref="Labels"/>), "binary classification", "regression" or, for another ML.NET pipeline, "not a classifier or regression written by train".</param>
    /// <param name="Inputs">The inputs the predictions are computed from, each as <c>name: kind</c> (text, image path, number, …).</param>
    /// <param name="Parts">The feature parts in the order they are concatenated into <c>Features</c>; empty when the zip has no <c>Features</c> column.</param>
    /// <param name="FeatureCount">The size of <c>Features</c> after the featurizer (0 when not found).</param>
    /// <param name="FeatureSpace">The feature-space step between the featurizer and the head (<c>PCA: 9 -&gt; 2 values</c>), or null.</param>
    /// <param name="Head">The head's trainer name and what it is (<c>mlp: multilayer perceptron …</c>), or the predictor's type when it is not one of ours; null without a predictor.</param>
    /// <param name="Labels">The labels in score order, or null (a regression, or a pipeline whose outputs do not name them).</param>
    /// <param name="Steps">The flattened ML.NET transformers in order, by type name with generic arguments (<c>ClusteringPredictionTransformer&lt;KMeansModelParameters&gt;</c>).</param>
    /// <param name="InputColumns">Every input column as <c>name: type</c>.</param>
    /// <param name="OutputColumns">Every visible output column as <c>name: type</c>.</param>
    public sealed record ModelReport(string Path, string Task, IReadOnlyList<string> Inputs, IReadOnlyList<PartReport> Parts, int FeatureCount,
        string? FeatureSpace, string? Head, IReadOnlyList<string>? Labels, IReadOnlyList<string> Steps,
        IReadOnlyList<string> InputColumns, IReadOnlyList<string> OutputColumns)
    {
        /// <summary>
        /// The label column, in words, from the zip's <see cref="TrainingRecord"/>: the training data's column
        /// (<c>temp_max (recorded at training; evaluate reads it unless --label names another)</c>), or why there is none
        /// (class-folder names or features files; no record in an older zip or one from another ML.NET program, where
        /// evaluate reads a column named <c>label</c> in any case).
        /// </summary>
        public string Label { get; init; } = "";
    }

    /// <summary>One block of a saved model's <c>Features</c>.</summary>
    /// <param name="Name">The part's column, <c>&lt;column&gt;.&lt;featurizer&gt;</c> (<c>message.tfidf</c>) or <c>numeric</c>.</param>
    /// <param name="Featurizer">The featurizer's name (<c>resnet18</c>, <c>tfidf</c>, <c>numeric</c>, <c>one-hot</c>, <c>stats</c>).</param>
    /// <param name="Kind">What the featurizer is, in words (<c>image backbone (ONNX, frozen)</c>, <c>text vectorizer</c>, …).</param>
    /// <param name="Inputs">The model inputs the part reads.</param>
    /// <param name="Size">The number of values it adds to <c>Features</c>.</param>
    public sealed record PartReport(string Name, string Featurizer, string Kind, IReadOnlyList<string> Inputs, int Size);

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
    /// Loads a model zip with stock ML.NET and describes it (<see cref="ModelReport"/>). Besides the label column's name
    /// (<see cref="TrainingRecord"/>), nothing extra is stored in a zip written by <c>train</c>, so the description is
    /// read from the pipeline itself: the task and labels from its
    /// outputs (<see cref="ModelContract"/>); the feature parts from the step that first makes the <c>Features</c> column
    /// (a <c>Concatenate</c> of the part columns, which <see cref="FeaturePipeline"/> names <c>&lt;column&gt;.&lt;featurizer&gt;</c>),
    /// each part's inputs from ML.NET's column dependencies; the feature-space step and the head from the chain
    /// <c>featurizer -&gt; [feature-space step] -&gt; head</c> that <c>train</c> saves, the head named by its predictor
    /// (L-BFGS maximum entropy: <c>lr</c>; FastTree: <c>fasttree</c>; an ONNX graph before KMeans or
    /// OnlineGradientDescent: <c>mlp</c>, whose argmax / identity output those stock steps are; a linear regression model
    /// without one: <c>linear</c>;
    /// LightGBM: <c>lightgbm</c>). Any other ML.NET zip is described as far as these rules reach, its steps always listed.
    /// </summary>
    /// <param name="path">An ML.NET model zip (any pipeline, not only one written by <c>train</c>).</param>
    /// <exception cref="UserInputException">The file does not exist or is not an ML.NET model zip.</exception>
    public static ModelReport Model(string path)
    {
        var ml = new MLContext(0);
        using var model = ModelFile.Load(ml, path);
        var steps = new List<ITransformer>();
        Flatten(model.Transformer, steps);
        var contract = model.Contract;
        var input = contract.InputSchema;
        static string Describe(DataViewSchema.Column c) => $"{c.Name}: {c.Type}";
        var task = contract.IsRegression ? "regression (predicts a number: Score)"
            : !contract.IsClassifier ? "not a classifier or regression written by train"
            : contract.IsBinary || contract.Labels?.Count == 2 ? "binary classification" : "classification";
        var inputs = contract.RequiredInputs.Select(name => $"{name}: {InputKind(input[name], contract.ImageInputs.ContainsKey(name))}").ToList();

        var (parts, featureCount, featurizerSteps) = Parts(steps, input);
        var top = model.Transformer is IEnumerable<ITransformer> chain ? chain.ToList() : [model.Transformer];
        string? space = null;
        if (featurizerSteps > 0 && top.Count == 3)
        {
            var middle = new List<ITransformer>();
            Flatten(top[1], middle);
            var after = top[1].GetOutputSchema(top[0].GetOutputSchema(input)).GetColumnOrNull(FeaturePipeline.FeaturesColumn)?.Type is VectorDataViewType { Size: var k } ? k : 0;
            var pca = false;
            var schema = top[0].GetOutputSchema(input);
            foreach (var step in middle)
            {
                schema = step.GetOutputSchema(schema);
                pca |= step is Microsoft.ML.Transforms.Onnx.OnnxTransformer && schema.GetColumnOrNull(FeatureSpace.PcaFeatureSpaceTransform.ProjectionColumn) is not null;
            }
            space = $"{(pca ? "PCA (exact, an ONNX graph)" : "a feature-space step")}: {featureCount} -> {after} values";
        }
        var headSteps = new List<ITransformer>();
        Flatten(top.Count > 1 ? top[^1] : model.Transformer, headSteps);
        return new ModelReport(model.Path, task, inputs, parts, featureCount, space, HeadOf(headSteps), contract.IsRegression ? null : contract.Labels,
            steps.Select(StepName).ToList(), input.Select(Describe).ToList(), contract.Outputs.Select(Describe).ToList())
        {
            Label = LabelOrProblem(model),
        };
    }

    /// <summary>
    /// <see cref="LabelOf"/>, or what is wrong with an unreadable record: inspect still describes the rest of the model
    /// (the breaker's corrupt record made inspect fail outright, pointing to a --label it does not take).
    /// </summary>
    private static string LabelOrProblem(ModelFile model)
    {
        try
        {
            return LabelOf(model.Training);
        }
        catch (UserInputException e)
        {
            return $"unreadable: {e.Message}";
        }
    }

    /// <summary>The label column in words (<see cref="ModelReport.Label"/>).</summary>
    private static string LabelOf(TrainingRecord? training) => training switch
    {
        { LabelColumn: { } column } => $"{column} (recorded at training; evaluate reads it unless --label names another)",
        not null => "not a CSV column (trained on class-folder names or features files); evaluate reads a CSV's column 'label', any case, unless --label names another",
        null => "not recorded (a zip from an older train or another ML.NET program); evaluate reads a column named 'label', any case, unless --label names another",
    };

    private static void Flatten(ITransformer transformer, List<ITransformer> steps)
    {
        if (transformer is IEnumerable<ITransformer> chain) foreach (var inner in chain) Flatten(inner, steps);
        else steps.Add(transformer);
    }

    private static string InputKind(DataViewSchema.Column column, bool image) => column.Type switch
    {
        TextDataViewType when image => "image path",
        TextDataViewType => "text",
        NumberDataViewType => "number",
        VectorDataViewType v => $"vector of {(v.Size > 0 ? v.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any number of")} {v.ItemType}",
        var t => t.ToString() ?? "",
    };

    /// <summary>
    /// The feature parts: the columns the step that first makes a visible <c>Features</c> column finds besides the model's
    /// inputs (a <see cref="FeaturePipeline"/> part drops its working columns), with their inputs and sizes; the size of
    /// <c>Features</c>; and how many flattened steps the featurizer has (0 when no step makes <c>Features</c>).
    /// </summary>
    private static (IReadOnlyList<PartReport> Parts, int FeatureCount, int FeaturizerSteps) Parts(IReadOnlyList<ITransformer> steps, DataViewSchema input)
    {
        try
        {
            var schema = input;
            for (var i = 0; i < steps.Count; i++)
            {
                var next = steps[i].GetOutputSchema(schema);
                if (next.GetColumnOrNull(FeaturePipeline.FeaturesColumn) is { IsHidden: false, Type: VectorDataViewType features }
                    && schema.GetColumnOrNull(FeaturePipeline.FeaturesColumn) is null or { IsHidden: true })
                {
                    var names = schema.Where(c => !c.IsHidden && input.GetColumnOrNull(c.Name) is null && c.Type is VectorDataViewType).Select(c => c.Name).ToList();
                    var mapper = ((ITransformer)new TransformerChain<ITransformer>([.. steps.Take(i)])).GetRowToRowMapper(input);
                    var parts = names.Select(name =>
                    {
                        var column = mapper.OutputSchema[name];
                        var needed = mapper.GetDependencies([column]).Select(c => c.Index).ToHashSet();
                        var reads = input.Where(c => !c.IsHidden && needed.Contains(c.Index)).Select(c => c.Name).ToList();
                        var featurizer = reads.FirstOrDefault(r => name.StartsWith(r + ".", StringComparison.Ordinal)) is { } r
                            ? name[(r.Length + 1)..] : name.Contains('.') ? name[(name.IndexOf('.') + 1)..] : name;
                        return new PartReport(name, featurizer, KindOf(featurizer), reads, ((VectorDataViewType)column.Type).Size);
                    }).ToList();
                    return (parts, features.Size, i + 1);
                }
                schema = next;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // A pipeline whose schema or dependencies cannot be computed: described by its steps only.
        }
        return ([], 0, 0);
    }

    /// <summary>
    /// The featurizer <paramref name="name"/> in words, from the provider that resolves it (<see cref="FeaturePartRegistry"/>,
    /// <see cref="FeatureKinds"/>); a backbone fine-tuned by <c>train --unfreeze</c> (<see cref="FineTunedBackboneName"/>)
    /// as the backbone it came from and the part that was trained.
    /// </summary>
    private static string KindOf(string name)
    {
        if (FineTunedBackboneName.TryParse(name, out var original, out var depth))
        {
            var size = Resolve(original) is { Backbone: { } b } ? $", {b.EmbeddingSize}-d embedding" : "";
            var trained = depth switch
            {
                UnfreezeDepth.LastBlock => "its last block",
                UnfreezeDepth.LastStage => "its last stage",
                _ => "its last block or last stage",
            };
            return $"image backbone {original} with {trained} fine-tuned by train --unfreeze (ONNX{size}; the rest frozen)";
        }
        return Resolve(name) is { } choice ? FeatureKinds.Describe(choice.Provider.Kind, choice.Backbone) : "featurizer";
    }

    /// <summary>The first provider's choice that resolves <paramref name="name"/>, or null.</summary>
    private static FeaturizerChoice? Resolve(string name)
    {
        foreach (var provider in FeaturePartRegistry.Default.Providers)
        {
            try
            {
                if (provider.TryResolve(name) is { } choice) return choice;
            }
            catch (UserInputException)
            {
                // a name this provider reads as a file that is not there: not its kind
            }
        }
        return null;
    }

    /// <summary>The head in words from its predictor; see <see cref="Model"/>. Null when the chain has no predictor.</summary>
    private static string? HeadOf(IReadOnlyList<ITransformer> steps)
    {
        var predictor = steps.Select(s => s.GetType().GetProperty("Model")?.GetValue(s)).FirstOrDefault(m => m is not null && m.GetType().Name.Contains("ModelParameters", StringComparison.Ordinal));
        if (predictor is null) return null;
        var type = FriendlyName(predictor.GetType());
        var onnx = steps.Any(s => s is Microsoft.ML.Transforms.Onnx.OnnxTransformer);
        var standardised = steps.Any(s => s is NormalizingTransformer) ? ", on standardised features" : "";
        return type switch
        {
            _ when type.StartsWith("KMeansModelParameters", StringComparison.Ordinal) && onnx =>
                "mlp: multilayer perceptron (an ONNX graph; the stock KMeans step after it is its argmax)",
            _ when type.StartsWith("LinearRegressionModelParameters", StringComparison.Ordinal) && onnx =>
                "mlp: multilayer perceptron regression (an ONNX graph; the stock OnlineGradientDescent step after it passes its output through)",
            _ when type.StartsWith("MaximumEntropyModelParameters", StringComparison.Ordinal) => "lr: logistic regression (L-BFGS maximum entropy" + standardised + ")",
            _ when type.StartsWith("OneVersusAllModelParameters", StringComparison.Ordinal) => "fasttree: FastTree boosted trees, one versus all",
            _ when type.Contains("FastTreeBinaryModelParameters", StringComparison.Ordinal) => "fasttree: FastTree boosted trees (binary)",
            _ when type.StartsWith("FastTreeRegressionModelParameters", StringComparison.Ordinal) => "fasttree: FastTree regression trees",
            _ when type.StartsWith("LightGbmRegressionModelParameters", StringComparison.Ordinal) => "lightgbm: LightGBM regression trees",
            _ when type.StartsWith("LinearRegressionModelParameters", StringComparison.Ordinal) => "linear: ridge regression (a linear model with an L2 penalty" + standardised + ")",
            _ => $"a stock ML.NET predictor, {type}",
        };
    }

    /// <summary>
    /// A step's type name; a prediction transformer's with its predictor's actual type as the argument (a loaded zip types
    /// it by an interface: <c>ClusteringPredictionTransformer&lt;KMeansModelParameters&gt;</c>, not <c>&lt;IPredictorProducing…&gt;</c>).
    /// </summary>
    private static string StepName(ITransformer step)
    {
        var type = step.GetType();
        if (type.IsGenericType && type.GetProperty("Model")?.GetValue(step) is { } model)
            return $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{FriendlyName(model.GetType())}>";
        return FriendlyName(type);
    }

    /// <summary>A type's name with its generic arguments spelled out: <c>ClusteringPredictionTransformer&lt;KMeansModelParameters&gt;</c>.</summary>
    private static string FriendlyName(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>";
    }
}
