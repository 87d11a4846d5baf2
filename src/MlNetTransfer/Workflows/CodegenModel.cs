using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Data;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>What a model's outputs look like in a generated <c>ModelOutput</c>.</summary>
internal enum CodegenOutputKind
{
    /// <summary><c>PredictedLabel</c> and a <c>Score</c> vector, one value per label.</summary>
    Multiclass,

    /// <summary><c>PredictedLabel</c>, a <c>Score</c> margin and a <c>Probability</c> (of the second label).</summary>
    Binary,

    /// <summary>A float <c>Score</c>, the predicted number.</summary>
    Regression,
}

/// <summary>
/// What the generated code needs to know of a saved model, read once by <see cref="Read"/>: its input fields, its
/// outputs, its labels, and what loading it needs (the assemblies its steps name, the library's vocabulary files).
/// </summary>
internal sealed partial record CodegenModel(
    IReadOnlyList<CodegenField> Fields,
    CodegenOutputKind Output,
    string PredictedLabelType,
    int ScoreSize,
    IReadOnlyList<string> Labels,
    IReadOnlyCollection<string> Assemblies,
    IReadOnlyList<string> VocabFiles)
{
    /// <summary>Names a generated <c>ModelInput</c> property must not take: the class's own, and <see cref="object"/>'s members.</summary>
    public static readonly IReadOnlyList<string> ReservedInputNames =
        ["ModelInput", "ModelOutput", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <summary>Whether loading the zip needs the MlNetTransfer assembly (its custom mappings: text vectorizer, series, classical image, WordPiece).</summary>
    public bool NeedsLibrary => Assemblies.Contains(CodegenPackages.LibraryAssembly);

    /// <summary>The fields the prediction is computed from, in input order.</summary>
    public IReadOnlyList<CodegenField> ReadFields => Fields.Where(f => f.ReadByModel).ToList();

    /// <summary>
    /// Reads the contract of <paramref name="model"/> and the assemblies its zip names.
    /// </summary>
    /// <exception cref="UserInputException">The model is neither a classifier nor a regression model, does not name its
    /// labels, has an input or output of a type the generated classes cannot hold, or needs a vocabulary file that is not found.</exception>
    public static CodegenModel Read(ModelFile model)
    {
        var contract = model.Contract;
        var outputs = ScoredView.Describe(contract.OutputSchema);
        CodegenOutputKind kind;
        var predictedType = "";
        var scoreSize = 0;
        IReadOnlyList<string> labels = [];
        if (contract.IsRegression) kind = CodegenOutputKind.Regression;
        else if (contract.IsClassifier)
        {
            labels = contract.Labels ?? ScoredView.Labels(contract.OutputSchema);
            var predicted = contract.OutputSchema[ClassificationHead.PredictedLabel].Type;
            predictedType = predicted switch
            {
                TextDataViewType => "string",
                BooleanDataViewType => "bool",
                _ => throw new UserInputException($"'{model.Path}' predicts '{ClassificationHead.PredictedLabel}' as {predicted}; codegen writes code for a text or Boolean "
                    + $"'{ClassificationHead.PredictedLabel}' (a key: add MapKeyToValue to the pipeline) (its outputs: {outputs})."),
            };
            var score = contract.OutputSchema[ClassificationHead.Score].Type;
            if (contract.IsBinary)
            {
                if (contract.OutputSchema.GetColumnOrNull(ClassificationHead.Probability) is not { Type: NumberDataViewType } || score != NumberDataViewType.Single || labels.Count != 2)
                    throw new UserInputException($"'{model.Path}' has a single '{ClassificationHead.Score}' but not a binary classifier's float Score, Probability and two labels (its outputs: {outputs}).");
                kind = CodegenOutputKind.Binary;
            }
            else
            {
                if (score is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single || size != labels.Count)
                    throw new UserInputException($"'{model.Path}' has a '{ClassificationHead.Score}' of {score}, not one float per label ({labels.Count}) (its outputs: {outputs}).");
                kind = CodegenOutputKind.Multiclass;
                scoreSize = size;
            }
        }
        else
            throw new UserInputException($"'{model.Path}' is an ML.NET model but neither a classifier nor a regression model: it has no {string.Join(" or ", contract.MissingClassifierOutputs)} output "
                + $"(its outputs: {outputs}). codegen writes code for classifiers (PredictedLabel and Score) and regression models (a float Score).");

        var inputs = contract.InputSchema.Where(c => !c.IsHidden).ToList();
        var properties = CodegenNames.Unique(inputs.Select(c => c.Name), ReservedInputNames);
        var fields = inputs.Select((column, i) =>
        {
            var (type, dimensions) = CSharpType(column.Type) ?? throw new UserInputException(
                $"'{model.Path}' takes input column '{column.Name}' as {column.Type}, which codegen cannot write as a C# property (it writes texts, numbers, Booleans, dates and vectors of them).");
            var image = contract.ImageInputs.TryGetValue(column.Name, out var folder);
            return new CodegenField(column.Name, properties[i], type, dimensions, image, image ? folder : null, contract.RequiredInputs.Contains(column.Name));
        }).ToList();

        var (assemblies, contracts) = ReadZip(model.Path);
        var vocab = new List<string>();
        if (contracts.Contains(MiniLmTokenizeFactory.ContractName)) vocab.Add(MiniLmTokenizeFactory.VocabFile);
        if (contracts.Contains(ArcticXsTokenizeFactory.ContractName)) vocab.Add(ArcticXsTokenizeFactory.VocabFile);
        return new CodegenModel(fields, kind, predictedType, scoreSize, labels, assemblies, vocab);
    }

    /// <summary>The C# type of a column of <paramref name="type"/> and its vector dimensions (empty for a single value); null when there is none.</summary>
    internal static (string Type, IReadOnlyList<int> Dimensions)? CSharpType(DataViewType type)
    {
        if (type is VectorDataViewType vector)
            return Scalar(vector.ItemType) is { } item ? (item + "[]", vector.Dimensions.Length > 0 ? vector.Dimensions.ToArray() : [vector.Size]) : null;
        return Scalar(type) is { } scalar ? (scalar, []) : null;
    }

    private static string? Scalar(DataViewType type) => type switch
    {
        TextDataViewType => "string",
        BooleanDataViewType => "bool",
        DateTimeDataViewType => "DateTime",
        DateTimeOffsetDataViewType => "DateTimeOffset",
        TimeSpanDataViewType => "TimeSpan",
        NumberDataViewType n when n == NumberDataViewType.Single => "float",
        NumberDataViewType n when n == NumberDataViewType.Double => "double",
        NumberDataViewType n when n == NumberDataViewType.SByte => "sbyte",
        NumberDataViewType n when n == NumberDataViewType.Byte => "byte",
        NumberDataViewType n when n == NumberDataViewType.Int16 => "short",
        NumberDataViewType n when n == NumberDataViewType.UInt16 => "ushort",
        NumberDataViewType n when n == NumberDataViewType.Int32 => "int",
        NumberDataViewType n when n == NumberDataViewType.UInt32 => "uint",
        NumberDataViewType n when n == NumberDataViewType.Int64 => "long",
        NumberDataViewType n when n == NumberDataViewType.UInt64 => "ulong",
        _ => null,
    };

    /// <summary>
    /// The assemblies the zip's steps name and the WordPiece contracts it holds. ML.NET writes each step's loader
    /// assembly into the header of its <c>Model.key</c> stream (a UTF-16 name at the offset and byte count stored at
    /// 0x90 and 0x98), and a CustomMapping its contract's name and assembly into its string table; at load it loads the
    /// assemblies named there: these are what an application must be able to load.
    /// </summary>
    internal static (IReadOnlyCollection<string> Assemblies, IReadOnlyCollection<string> Contracts) ReadZip(string path)
    {
        var assemblies = new SortedSet<string>(StringComparer.Ordinal);
        var contracts = new SortedSet<string>(StringComparer.Ordinal);
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries.Where(e => e.Name == "Model.key"))
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            if (bytes.Length >= 0xA0)
            {
                var at = BitConverter.ToInt64(bytes, 0x90);
                var count = BitConverter.ToUInt32(bytes, 0x98);
                if (at > 0 && count > 0 && at + count <= bytes.Length)
                    assemblies.Add(Encoding.Unicode.GetString(bytes, (int)at, (int)count).Split(',')[0].Trim());
            }
            // The string table's UTF-16 text may start at an even or an odd offset of the stream.
            foreach (var text in new[] { Encoding.Unicode.GetString(bytes), bytes.Length > 1 ? Encoding.Unicode.GetString(bytes, 1, bytes.Length - 1) : "" })
            {
                if (text.Contains(CodegenPackages.LibraryAssembly + ", Version=", StringComparison.Ordinal)) assemblies.Add(CodegenPackages.LibraryAssembly);
                foreach (Match m in ContractName().Matches(text)) contracts.Add(m.Value);
            }
        }
        assemblies.Remove("");
        return (assemblies, contracts);
    }

    [GeneratedRegex(@"MlNetTransfer\.BertTokenize\.[A-Za-z0-9-]+\.v\d+")]
    private static partial Regex ContractName();
}
