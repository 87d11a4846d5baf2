using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>Loads data for a saved model: the columns the model's input schema names, each with its role.</summary>
internal static class ModelDataset
{
    /// <summary>
    /// Loads <paramref name="path"/> with the columns of <paramref name="inputSchema"/>; <paramref name="task"/>
    /// <see cref="LearningTask.Regression"/> reads the labels as numbers (<see cref="Dataset.Targets"/>).
    /// </summary>
    public static Dataset Load(DataViewSchema inputSchema, string path, string? label, bool requireLabels, BadInputPolicy onBadInput = BadInputPolicy.Fail,
        LearningTask? task = null)
    {
        var full = Path.GetFullPath(path);
        var columns = inputSchema.Select(c => c.Name).ToList();
        if (Directory.Exists(full))
        {
            if (columns.Count != 1 || columns[0] != Dataset.ImagePathColumn)
                throw new UserInputException($"'{full}' is a folder of images, but the model takes columns {string.Join(", ", columns)}: give it a CSV with those columns.");
            return DatasetLoader.Load(full, new DatasetOptions { RequireLabels = requireLabels, OnBadInput = onBadInput, Task = task });
        }
        // Text columns are image columns when the model embeds them as images (ImagePath) or their values are image paths.
        var numeric = inputSchema.Where(c => c.Type is NumberDataViewType).Select(c => c.Name).ToList();
        var textual = inputSchema.Where(c => c.Type is TextDataViewType).Select(c => c.Name).ToList();
        var probe = DatasetLoader.Load(full, new DatasetOptions { LabelColumn = label, TextColumns = textual, NumericColumns = numeric, RequireLabels = requireLabels, OnBadInput = onBadInput, Task = task });
        var images = probe.Columns.Where(c => c.Role == ColumnRole.Text && c.Values.All(DatasetLoader.IsImagePath)).Select(c => c.Name).ToList();
        return images.Count == 0 ? probe : DatasetLoader.Load(full, new DatasetOptions
        {
            LabelColumn = label,
            ImageColumns = images,
            TextColumns = textual.Except(images).ToList(),
            NumericColumns = numeric,
            RequireLabels = requireLabels,
            OnBadInput = onBadInput,
            Task = task,
        });
    }
}
