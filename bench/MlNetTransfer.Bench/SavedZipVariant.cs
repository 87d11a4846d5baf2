using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>
/// (b) The saved-zip path: <c>ExtractImageEmbeddings</c> fitted, saved to a zip, loaded with <c>ml.Model.Load</c> and run as
/// any ML.NET app runs it (ML.NET's per-row ApplyOnnxModel on the merged graph). Setup = fit + save + load.
/// </summary>
internal sealed class SavedZipVariant : IFeaturizeVariant
{
    private const string Column = "Features";
    private readonly string _folder;
    private readonly ModelFile _model;

    public SavedZipVariant(Dataset images, BackboneManifest backbone)
    {
        _folder = Directory.CreateTempSubdirectory("mlnet-transfer-bench-zip-").FullName;
        var input = images.ToDataView(includeLabel: false);
        var ml = new MLContext(seed: 0);
        (_model, Setup) = Measure.Once(() =>
        {
            var zip = Path.Combine(_folder, "featurizer.zip");
            var fitted = ml.Transforms.ExtractImageEmbeddings(Column, backbone, Dataset.ImagePathColumn).Fit(input);
            try { ModelFile.Save(ml, fitted, input.Schema, TrainingRecord.Of(images), zip); }
            finally { fitted.Dispose(); }
            return ModelFile.Load(ml, zip);
        });
    }

    public string Key => "b";

    public string Name => "saved zip (ExtractImageEmbeddings, Model.Load)";

    public TimeSpan Setup { get; }

    public float[][] Run(Dataset images) => Views.ReadVectors(_model.Transformer.Transform(images.ToDataView(includeLabel: false)), Column, images.Count);

    public void Dispose()
    {
        _model.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
