using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>Loads data for a saved model: the columns the model's input schema names, each with its role.</summary>
internal static class ModelDataset
{
    /// <summary>
    /// Loads labelled data to evaluate <paramref name="model"/> with (<see cref="Load"/>, labels required). A CSV's label
    /// column is <paramref name="label"/> when given; else the one the model's training recorded
    /// (<see cref="ModelFile.Training"/>), and a file without it is an error naming that column, the nearest of the file's
    /// columns and all of them, and saying that <c>--label</c> names another; else (no record, or a recorded name that is
    /// <c>label</c> in some case) a column named <c>label</c> in any case, as before the record existed. A class-folder
    /// tree's labels are its folder names whatever is recorded.
    /// </summary>
    public static Dataset LoadLabelled(ModelFile model, string path, string? label, BadInputPolicy onBadInput, LearningTask? task = null)
    {
        if ((label ?? model.Training?.LabelColumn) is { } named && model.InputSchema.Any(c => !c.IsHidden && c.Name == named))
            throw new UserInputException($"{(label is null ? $"The label column recorded in '{model.Path}'" : "--label")} '{named}' is one of the columns model " +
                $"'{model.Path}' predicts from ({string.Join(", ", model.InputSchema.Where(c => !c.IsHidden).Select(c => c.Name))}): the label must be another column" +
                (label is not null && model.Training?.LabelColumn is { } recorded0 ? $" (the model was trained with label column '{recorded0}')." : "."));
        if (label is not null || Directory.Exists(Path.GetFullPath(path)) || RecordedLabel(model) is not { } recorded)
            return Load(model.InputSchema, path, label, requireLabels: true, onBadInput, task);
        return Load(model.InputSchema, path, recorded, requireLabels: true, onBadInput, task,
            $", the label column model '{model.Path}' was trained with (recorded in the zip): pass --label <column> to name this file's label column");
    }

    /// <summary>The label column the model's training recorded, unless it is <c>label</c> in some case (then the any-case rule finds it as before); null when none is recorded.</summary>
    private static string? RecordedLabel(ModelFile model) =>
        model.Training?.LabelColumn is { } name && !string.Equals(name, "label", StringComparison.OrdinalIgnoreCase) ? name : null;

    /// <summary>
    /// Loads <paramref name="path"/> with the columns of <paramref name="inputSchema"/>; <paramref name="task"/>
    /// <see cref="LearningTask.Regression"/> reads the labels as numbers (<see cref="Dataset.Targets"/>);
    /// <paramref name="labelOrigin"/> says where a <paramref name="label"/> the user did not type came from
    /// (<see cref="DatasetOptions.LabelColumnOrigin"/>).
    /// </summary>
    public static Dataset Load(DataViewSchema inputSchema, string path, string? label, bool requireLabels, BadInputPolicy onBadInput = BadInputPolicy.Fail,
        LearningTask? task = null, string? labelOrigin = null)
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
        // A model trained on a folder of images reads its paths from a column of that name.
        var hint = columns is [Dataset.ImagePathColumn] ? "The model was trained on a folder of images and reads image paths from a column named " +
            $"'{Dataset.ImagePathColumn}': name the CSV's path column so, or give a folder with one sub-folder per class." : null;
        var options = new DatasetOptions { LabelColumn = label, LabelColumnOrigin = labelOrigin, MissingColumnHint = hint, TextColumns = textual, NumericColumns = numeric, RequireLabels = requireLabels, OnBadInput = onBadInput, Task = task };
        var probe = DatasetLoader.Load(full, options);
        var images = probe.Columns.Where(c => c.Role == ColumnRole.Text && c.Values.All(DatasetLoader.IsImagePath)).Select(c => c.Name).ToList();
        return images.Count == 0 ? probe : DatasetLoader.Load(full, options with { ImageColumns = images, TextColumns = textual.Except(images).ToList() });
    }
}
