using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// The rows of README.md's "Bad input" table about the shape of the data: columns that leak or mean nothing, files that
/// are not images, ambiguous or useless labels, separators, decimal commas and Windows paths.
/// </summary>
public sealed class DataShapeTableTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string ImageFolder(string name = "data", int perClass = 3) => _dir.ImageFolder(name, perClass);

    private string Csv(string name, params string[] lines) => _dir.Csv(name, lines);

    private string Train(params string[] extra) => _dir.Run(["train", "--out", _dir["m.zip"], .. extra]).UserError();

    /// <summary>Asserts each part is in <paramref name="text"/>, white space runs compared as one space (the console wraps at 80 columns).</summary>
    private static void AssertMentions(string text, params string[] parts)
    {
        var flat = Regex.Replace(text, @"\s+", " ");
        foreach (var part in parts) Assert.True(flat.Contains(Regex.Replace(part, @"\s+", " "), StringComparison.Ordinal), $"'{part}' not in: {text}");
    }

    /// <summary>20 rows "x;label" with decimal commas, labels a/b by x's size.</summary>
    private static string[] SemicolonRows() =>
        ["x;label", .. Enumerable.Range(0, 20).Select(i => $"{i % 10},{i % 7};{(i % 10 < 5 ? "a" : "b")}")];

    [Fact]
    public void Csv_without_column_options_ignores_the_id_leaves_the_leaking_group_out_and_says_so()
    {
        var result = _dir.Run("train", "--data", TestData.SpamTrain, "--out", _dir["m.zip"]).Succeeded();
        AssertMentions(result.Stdout, "id: ignored, id-like", "group: left out, a likely leak", "text: text (detected)");
        var error = Train("--data", TestData.SpamTrain, "--ignore-column", "text");
        AssertMentions(error, "has no feature columns besides the label: left out id (id-like), group (a likely leak)", "--text-column");
    }

    [Fact]
    public void Ignore_column_also_named_as_a_column_to_use_is_refused()
    {
        AssertMentions(Train("--data", TestData.SpamTrain, "--text-column", "text", "--ignore-column", "text"),
            "--ignore-column names 'text', which is also named as a column to use");
    }

    [Fact]
    public void Class_folder_of_tif_files_is_named_and_other_files_are_counted()
    {
        var data = ImageFolder();
        Directory.CreateDirectory(Path.Combine(data, "bird"));
        File.WriteAllText(Path.Combine(data, "bird", "1.tif"), "x");
        File.WriteAllText(Path.Combine(data, "bird", "2.tif"), "x");
        AssertMentions(Train("--data", data), $"Class folder '{Path.Combine(data, "bird")}' has no usable image: its 2 files (2 .tif) are not images");

        Directory.Delete(Path.Combine(data, "bird"), recursive: true);
        File.WriteAllText(Path.Combine(data, "bag", "scan.tif"), "x");
        var result = _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"]).Succeeded();
        AssertMentions(result.Stdout, "1 file (1 .tif) ignored, not images this tool reads");
    }

    [Fact]
    public void Label_columns_differing_in_case_ask_for_the_exact_name()
    {
        var csv = Csv("t.csv", "Label,label,text", "a,x,hello", "b,y,bye");
        AssertMentions(Train("--data", csv), "2 columns that could be the label ('Label', 'label'): pass --label <exact name>");
    }

    [Fact]
    public void Labels_different_in_every_row_are_refused_before_training()
    {
        var csv = Csv("t.csv", ["text,label", .. Enumerable.Range(0, 12).Select(i => $"text number {i},{i}")]);
        AssertMentions(Train("--data", csv), "has a different value in every row (12 rows)", "a label column has repeated values");
    }

    [Fact]
    public void Semicolon_separated_csv_with_decimal_commas_trains_on_numbers()
    {
        var result = _dir.Run("train", "--data", Csv("t.csv", SemicolonRows()), "--out", _dir["m.zip"]).Succeeded();
        AssertMentions(result.Stdout, "(semicolon-separated)", "x: numeric (detected, decimal commas)");
    }

    [Fact]
    public void Tsv_file_trains_and_a_bad_separator_flag_is_refused()
    {
        var rows = SemicolonRows().Select(r => r.Replace(';', '\t')).ToArray();
        _dir.Run("train", "--data", Csv("t.tsv", rows), "--out", _dir["m.zip"]).Succeeded();
        File.Delete(_dir["m.zip"]);
        _dir.Run("train", "--data", Csv("p.csv", rows.Select(r => r.Replace('\t', '|')).ToArray()), "--separator", "|", "--out", _dir["m.zip"]).Succeeded();
        AssertMentions(Train("--data", _dir["t.tsv"], "--separator", "ab"), "--separator must be one character or 'tab' (got 'ab')");
    }

    [Fact]
    public void Windows_paths_in_an_image_column_are_read_with_slashes()
    {
        if (OperatingSystem.IsWindows()) return;
        var data = ImageFolder();
        var lines = Directory.GetDirectories(data).SelectMany(d => Directory.GetFiles(d).Select(f =>
            $"{Path.GetRelativePath(_dir.Path, f).Replace('/', '\\')},{Path.GetFileName(d)}"));
        var csv = Csv("list.csv", ["image,label", .. lines]);
        _dir.Run("train", "--data", csv, "--test", csv, "--out", _dir["m.zip"]).Succeeded();
    }

    [Fact]
    public void Featurize_takes_ignore_column_and_separator_too()
    {
        var csv = Csv("t.csv", ["n|text|label", .. Enumerable.Range(1, 12).Select(i => $"{i}|some words {i % 3}|{(i % 2 == 0 ? "a" : "b")}")]);
        var result = _dir.Run("featurize", "--data", csv, "--separator", "|", "--text-featurizer", "sklearn-count", "--out", _dir["f.csv"]).Succeeded();
        AssertMentions(result.Stdout, "Columns of 't.csv' ('|'-separated): n: ignored, id-like (a different integer in every row); text: text (detected)");
        var error = _dir.Run("featurize", "--data", csv, "--separator", "|", "--ignore-column", "text", "--out", _dir["g.csv"]).UserError();
        AssertMentions(error, "has no feature columns besides the label: left out n (id-like)");
    }
}
