using System.IO.Compression;
using System.Text.Json;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What a training run knew that a saved model's ML.NET pipeline does not keep: the name of the data's label column
/// (<c>temp_max</c>, <c>Species</c>). The zip's saved input schema leaves the label out on purpose (so a plain ML.NET
/// consumer's input class needs none), so the name is kept as a small JSON entry, <see cref="EntryName"/>, beside ML.NET's
/// own entries, written by <see cref="ModelFile.Save"/> in the same atomic write. Stock <c>mlContext.Model.Load</c> never
/// opens it: ML.NET's repository reader looks its entries up by name (<c>TransformerChain/…</c>, <c>Schema/…</c>,
/// <c>TrainingInfo/…</c>) and ignores any other, which the plain consumer tests check on zips that carry the record.
/// </summary>
/// <param name="LabelColumn">
/// The training data's label column as the file names it (<c>temp_max</c>), not the pipeline's internal
/// <see cref="Dataset.LabelColumn"/>; null when the labels were not a CSV column (a class-folder tree's folder names, or
/// features files, which store the label as their own <c>label</c> column).
/// </param>
public sealed record TrainingRecord(string? LabelColumn)
{
    /// <summary>The zip entry holding the record, as UTF-8 JSON: <c>{"labelColumn": "temp_max"}</c> (no <c>labelColumn</c> when it is null).</summary>
    public const string EntryName = "MlNetTransfer/Training.json";

    /// <summary>The record of a model trained on <paramref name="training"/>: its <see cref="Dataset.LabelColumnName"/>.</summary>
    public static TrainingRecord Of(Dataset training) => new(training.LabelColumnName);

    /// <summary>
    /// Adds the record as <see cref="EntryName"/> to the closed zip <paramref name="zipPath"/> (ML.NET's archive as
    /// <c>Model.Save</c> wrote it; only the new entry and the central directory are written after its entries).
    /// </summary>
    internal void AddTo(string zipPath)
    {
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        using var stream = archive.CreateEntry(EntryName, CompressionLevel.Optimal).Open();
        JsonSerializer.Serialize(stream, this, JsonDefaults.Options);
    }

    /// <summary>
    /// The record in the zip <paramref name="zipPath"/>, or null when it has none (a zip saved before the record existed,
    /// or by any other ML.NET program).
    /// </summary>
    /// <exception cref="UserInputException">The entry is there but is not a JSON object of this shape (the message names the zip and the entry).</exception>
    internal static TrainingRecord? ReadFrom(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        if (archive.GetEntry(EntryName) is not { } entry) return null;
        try
        {
            using var stream = entry.Open();
            return JsonSerializer.Deserialize<TrainingRecord>(stream, JsonDefaults.Options)
                ?? throw new JsonException("the entry holds null, not an object");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"'{zipPath}': its training record ('{EntryName}') is not the JSON this version writes ({e.Message}); " +
                "pass --label to name the label column, or train the model again.", e);
        }
    }
}
