using System.Globalization;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Datasets;

/// <summary>
/// The task inferred from training data's label column (<see cref="TaskInference"/>): measured on the CSVs shipped in
/// data/, then the rule's edges; and what a regression changes in the loader (numbers parsed, rules meant for classes
/// off, a random split).
/// </summary>
public sealed class TaskInferenceTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A column of a shipped CSV, read with CsvHelper (the penguins' body mass has two empty cells the loader refuses).</summary>
    private static List<string> Column(string csv, string column)
    {
        using var reader = new StreamReader(csv);
        using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        parser.Read();
        var index = Array.IndexOf(parser.Record!, column);
        Assert.True(index >= 0, $"{csv} has no column {column}");
        var values = new List<string>();
        while (parser.Read()) values.Add(parser.Record![index].Trim());
        return values;
    }

    public static TheoryData<string, string, LearningTask, string> ShippedLabels => new()
    {
        { "seattle", "temp_max", LearningTask.Regression, "regression (label 'temp_max': 1,461 numbers, 67 distinct; pass --task classification to treat them as classes)" },
        { "seattle", "precipitation", LearningTask.Regression, "regression (label 'precipitation': 1,461 numbers, 111 distinct;" },
        { "seattle", "weather", LearningTask.Classification, "classification (label 'weather': 5 classes)" },
        { "penguins", "Body Mass (g)", LearningTask.Regression, "regression (label 'Body Mass (g)': 342 numbers, 94 distinct;" },
        { "penguins", "Flipper Length (mm)", LearningTask.Regression, "regression (label 'Flipper Length (mm)': 342 numbers, 55 distinct;" },
        { "penguins", "Species", LearningTask.Classification, "classification (label 'Species': 3 classes)" },
        { "penguins", "Sex", LearningTask.Classification, "classification (label 'Sex': 2 classes)" },
        { "spam", "label", LearningTask.Classification, "classification (label 'label': 2 classes)" },
    };

    [Theory]
    [MemberData(nameof(ShippedLabels))]
    public void The_shipped_CSVs_labels_get_the_task_they_hold(string data, string label, LearningTask task, string description)
    {
        var csv = data switch { "seattle" => TestData.SeattleWeather, "penguins" => TestData.Penguins, _ => TestData.SpamTrain };
        var decision = TaskInference.Infer(label, Column(csv, label), decimalComma: false);
        Assert.Equal(task, decision.Task);
        Assert.StartsWith(description, decision.Description);
    }

    [Fact]
    public void Loading_Seattle_for_training_infers_the_task_parses_the_numbers_and_says_so()
    {
        var data = DatasetLoader.Load(TestData.SeattleWeather, new DatasetOptions { LabelColumn = "temp_max", IsTrainingData = true });
        Assert.Equal(LearningTask.Regression, data.Task);
        Assert.Equal("regression (label 'temp_max': 1,461 numbers, 67 distinct; pass --task classification to treat them as classes)", data.TaskNote);
        Assert.Equal([12.8f, 10.6f, 11.7f], data.Targets!.Take(3));
        Assert.Equal(data.Labels!.Select(l => float.Parse(l, CultureInfo.InvariantCulture)), data.Targets);

        var classes = DatasetLoader.Load(TestData.SeattleWeather, new DatasetOptions { LabelColumn = "weather", IsTrainingData = true });
        Assert.Equal(LearningTask.Classification, classes.Task);
        Assert.Null(classes.Targets);
        Assert.Equal("classification (label 'weather': 5 classes)", classes.TaskNote);

        // Not training data (evaluate, featurize): nothing inferred, labels are texts.
        var other = DatasetLoader.Load(TestData.SeattleWeather, new DatasetOptions { LabelColumn = "temp_max" });
        Assert.Equal(LearningTask.Classification, other.Task);
        Assert.Null(other.TaskNote);
        Assert.Null(other.Targets);
    }

    [Theory]
    [InlineData("0,1,2,3,4,5,6,7,8,9", LearningTask.Classification)]                 // digits: 10 distinct numbers
    [InlineData("0.5,1,1.5,2,2.5,3,3.5,4,4.5,5", LearningTask.Classification)]        // half-star ratings: 10 distinct
    [InlineData("0.5,1,1.5,2,2.5,3,3.5,4,4.5,5,5.5", LearningTask.Regression)]        // 11 distinct decimals
    [InlineData("3,5,8,13,21,34,55,89,144,233,377,610,987,1597,2584,4181,6765,10946,17711,28657", LearningTask.Classification)] // 20 whole numbers: codes
    [InlineData("3,5,8,13,21,34,55,89,144,233,377,610,987,1597,2584,4181,6765,10946,17711,28657,46368", LearningTask.Regression)] // 21 whole numbers
    [InlineData("7,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24", LearningTask.Classification)] // codes 1..24
    [InlineData("0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25", LearningTask.Classification)] // codes 0..25
    [InlineData("2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25", LearningTask.Regression)] // 24 whole numbers from 2
    [InlineData("1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5,9.5,10.5,11.5,abc", LearningTask.Classification)] // one text: classes
    [InlineData("1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5,9.5,10.5,Infinity", LearningTask.Regression)] // counted as a number, refused later with its row
    public void The_rule_at_its_edges(string labels, LearningTask expected)
    {
        var decision = TaskInference.Infer("y", labels.Split(','), decimalComma: false);
        Assert.Equal(expected, decision.Task);
        if (expected == LearningTask.Classification && !labels.Contains("abc"))
            Assert.Contains("pass --task regression to predict the number", decision.Description);
    }

    [Fact]
    public void Decimal_commas_are_numbers_in_a_semicolon_file_as_in_numeric_columns()
    {
        var csv = File("t.csv", ["x;y", .. Enumerable.Range(1, 12).Select(i => $"{i % 4};{i},{i % 10}5")]);
        var data = DatasetLoader.Load(csv, new DatasetOptions { IsTrainingData = true, LabelColumn = "y" });
        Assert.Equal(LearningTask.Regression, data.Task);
        Assert.Equal(1.15f, data.Targets![0]);
        Assert.Equal(12.25f, data.Targets[11]);
        // In a comma file the same values would be quoted texts: classes.
        Assert.Equal(LearningTask.Classification, TaskInference.Infer("y", ["1,5", "2,5"], decimalComma: false).Task);
    }

    [Fact]
    public void A_regression_turns_off_the_rules_meant_for_classes_and_splits_at_random()
    {
        // 12 rows, every label different: refused for classes (each row its own class), fine for a number to predict.
        var csv = File("t.csv", ["x,y", .. Enumerable.Range(1, 12).Select(i => Invariant($"{i * 0.5},{i * 1.5}"))]);
        var e = Assert.Throws<UserInputException>(() =>
            DatasetLoader.Load(csv, new DatasetOptions { LabelColumn = "y", IsTrainingData = true, Task = LearningTask.Classification }));
        Assert.Contains("has a different value in every row", e.Message);
        var data = DatasetLoader.Load(csv, new DatasetOptions { LabelColumn = "y", IsTrainingData = true });
        Assert.Equal(LearningTask.Regression, data.Task);

        // A column 'group' whose values each come with one label: left out as a likely leak for classes, kept for a regression.
        var leak = File("leak.csv", ["x,group,y", .. Enumerable.Range(1, 12).Select(i => Invariant($"{i * 0.5},g{(i + 1) / 2},{(i + 1) / 2 * 1.5}"))]);
        Assert.Contains("group: left out, a likely leak", DatasetLoader.Load(leak, new DatasetOptions { LabelColumn = "y", IsTrainingData = true }).Notes[0]);
        Assert.Contains("group: text (detected)",
            DatasetLoader.Load(leak, new DatasetOptions { LabelColumn = "y", IsTrainingData = true, Task = LearningTask.Regression }).Notes[0]);

        var (train, test) = data.Split(0.25, seed: 0);
        Assert.Equal(9, train.Count);
        Assert.Equal(3, test.Count);
        Assert.Equal(test.Ids.Select(id => float.Parse(id, CultureInfo.InvariantCulture) * 1.5f), test.Targets);
        Assert.Equal(LearningTask.Regression, test.Task);
        Assert.Equal(data.Ids.Order(), train.Ids.Concat(test.Ids).Order());
        var (_, again) = data.Split(0.25, seed: 0);
        Assert.Equal(test.Ids, again.Ids);
        Assert.NotEqual(test.Ids, data.Split(0.25, seed: 1).Test.Ids);
    }

    [Fact]
    public void A_class_folder_tree_is_classes_unless_the_task_says_regression_then_its_folders_must_be_numbers()
    {
        var images = TestData.Images(TestData.FashionTest, 2);
        foreach (var (name, i) in new[] { "12.5", "12.5", "20", "20" }.Select((n, i) => (n, i)))
        {
            Directory.CreateDirectory(Path.Combine(_dir, "ages", name));
            System.IO.File.Copy(images[i].Path, Path.Combine(_dir, "ages", name, $"{i}.png"));
        }
        var ages = Path.Combine(_dir, "ages");
        Assert.Equal(LearningTask.Classification, DatasetLoader.Load(ages, new DatasetOptions { IsTrainingData = true }).Task);
        var regression = DatasetLoader.Load(ages, new DatasetOptions { IsTrainingData = true, Task = LearningTask.Regression });
        Assert.Equal(LearningTask.Regression, regression.Task);
        Assert.Equal([12.5f, 12.5f, 20f, 20f], regression.Targets);
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(TestData.FashionTest, new DatasetOptions { Task = LearningTask.Regression }));
        Assert.Contains("with --task regression a class folder's name is its images' label, a finite number; found 'ankle-boot'", e.Message);
    }
}
