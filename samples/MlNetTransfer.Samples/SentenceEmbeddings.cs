// begin-snippet: sentence-embeddings
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;
// end-snippet

namespace MlNetTransfer.Samples;

/// <summary>README "Text (sentence embeddings)": frozen MiniLM embeddings of e-mails + logistic regression.</summary>
public static class SentenceEmbeddings
{
    public static string Run(SampleData data, string folder)
    {
        var modelPath = Path.Combine(folder, "minilm.zip");
        var ml0 = new MLContext(seed: 0);
        var rows = SpamRows(data.SpamTrain).ToList();
        var train = ml0.Data.LoadFromEnumerable(rows.Where((_, i) => i % 4 == 0).ToList());   // 50 e-mails: MiniLM runs ~10 texts/s on 2 cores
        var test = ml0.Data.LoadFromEnumerable(SpamRows(data.SpamTest).Where((_, i) => i % 4 == 0).ToList());

        // begin-snippet: sentence-embeddings
        var ml = new MLContext(seed: 0);
        var pipeline = ml.Transforms.Text.ExtractTextEmbeddings("Features", BuiltInBackbones.MiniLm, inputColumnName: "Text")
            .AppendCacheCheckpoint(ml)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))   // unit-length embeddings: small values that L1 = 1 would zero
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(train);
        ml.Model.Save(model, train.Schema, modelPath);

        // Loading needs this library in the app (the tokenizer step) and minilm.vocab.txt (see "What loading a zip needs").
        var loaded = new MLContext().Model.Load(modelPath, out _);
        // end-snippet

        var metrics = ml.MulticlassClassification.Evaluate(loaded.Transform(test));
        var features = model.Transform(test).Schema["Features"].Type as VectorDataViewType;
        SampleData.Check(features is { Size: 384 }, $"384-d embeddings (got {features})");
        SampleData.Check(metrics.MicroAccuracy >= 0.8, $"accuracy {metrics.MicroAccuracy:F3} >= 0.8");
        return $"accuracy {metrics.MicroAccuracy:F3} on {test.GetRowCount() ?? test.GetColumn<string>("Label").Count()} e-mails";
    }

    /// <summary>The label and text of each row of a SpamAssassin CSV (quoted, multi-line), read with ML.NET's TextLoader.</summary>
    public static IEnumerable<TextRow> SpamRows(string csv)
    {
        var ml = new MLContext();
        var view = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true, Separators = [','], AllowQuoting = true, ReadMultilines = true, EscapeChar = '"',
            Columns = [new TextLoader.Column("Label", DataKind.String, 2), new TextLoader.Column("Text", DataKind.String, 3)],
        }).Load(csv);
        return ml.Data.CreateEnumerable<TextRow>(view, reuseRowObject: false).ToList();
    }
}
