namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// Odd inputs a breaker fed the app that ended in an internal error or a misleading message: each is now a user error
/// (exit 1, one line) that says what is wrong with the data.
/// </summary>
public sealed class OddInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A CSV of <paramref name="rows"/> rows: columns a, b and a label from <paramref name="label"/>(row).</summary>
    private string Table(string name, int rows, Func<int, string> a, Func<int, string> label) =>
        _dir.Csv(name, ["a,b,label", .. Enumerable.Range(0, rows).Select(i => $"{a(i)},2,{label(i)}")]);

    [Theory]
    // Constant features: ML.NET's LightGBM loader overflowed (internal error: OverflowException), for both tasks.
    [InlineData(60, true, "classes", "no feature takes more than one value on them, so there is nothing to split on")]
    [InlineData(60, true, "numbers", "no feature takes more than one value on them, so there is nothing to split on")]
    // Two labels and too few rows to split: the one-leaf trees could not be converted (internal error: ArgumentNullException).
    [InlineData(6, false, "classes", "a split needs at least 20 rows on each side (40 rows in all, of features that vary)")]
    public void Lightgbm_on_data_it_cannot_split_says_why(int rows, bool constant, string labels, string why)
    {
        var csv = Table("d.csv", rows, i => constant ? "1" : i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i => labels == "classes" ? (i % 2 == 0 ? "x" : "y") : (i * 1.5 + 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = _dir.Run("train", "--data", csv, "--out", _dir["m.zip"], "--trainer", "lightgbm").UserError();
        Assert.StartsWith("error: --trainer lightgbm c", error);
        Assert.Contains(why, error);
        Assert.False(File.Exists(_dir["m.zip"]));
    }

    [Fact]
    public void A_number_beyond_float_range_is_called_that_not_infinite()
    {
        // It said "expected a finite number, found '1e308'": 1e308 is finite, but not as a float.
        var features = Table("f.csv", 6, i => i == 2 ? "1e308" : "1", i => i % 2 == 0 ? "x" : "y");
        Assert.Equal($"error: '{features}' row 3, column 'a': '1e308' is beyond the range of the 32-bit floats that values are computed in (about ±3.4e38); rescale the column (divide it by a power of ten).",
            _dir.Run("train", "--data", features, "--out", _dir["m.zip"]).UserError());
        var labels = Table("l.csv", 12, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), i => i == 4 ? "-4e40" : $"{i}.5");
        Assert.Contains("row 5, column 'label': the regression label '-4e40' is beyond the range of the 32-bit floats",
            _dir.Run("train", "--data", labels, "--out", _dir["m.zip"], "--task", "regression").UserError());
        Assert.Contains("'Infinity' (leave the cell empty or write NaN for a missing value)",
            _dir.Run("train", "--data", Table("i.csv", 6, i => i == 1 ? "Infinity" : "1", i => i % 2 == 0 ? "x" : "y"), "--out", _dir["m.zip"]).UserError());
    }

    [Fact]
    public void An_image_path_relative_to_the_current_folder_not_the_csv_says_where_relative_paths_are_read_from()
    {
        var images = _dir.ImageFolder("images", perClass: 1);
        var bag = Path.GetRelativePath(_dir.Path, Directory.GetFiles(Path.Combine(images, "bag"))[0]);
        Directory.CreateDirectory(_dir["lists"]);
        _dir.Csv(Path.Combine("lists", "l.csv"), "image,label", $"{bag},bag");
        var error = _dir.RunProcess("featurize", "--data", Path.Combine("lists", "l.csv"), "--out", "f.csv").UserError(); // a process in _dir
        Assert.Contains($"image file '{Path.Combine(_dir["lists"], bag)}' does not exist (a relative path is read from the CSV's folder, '{_dir["lists"]}'; '{bag}' exists from the current folder", error);
    }

    [Fact]
    public void A_csv_given_as_features_is_called_not_parquet_without_the_readers_hex_dump()
    {
        // It said "cannot be read as a Parquet features file: not a parquet file, head: 612C622C, tail: 322C790A".
        var csv = Table("d.csv", 4, i => "1", i => "x");
        var error = _dir.Run("train", "--features", csv, "--out", _dir["m.zip"]).UserError();
        Assert.Equal($"error: '{csv}' is not a Parquet file (it does not start with 'PAR1'): features files are the .parquet files written by 'featurize --out x.parquet'; " +
            "a CSV or an image folder is data (--data, or --test without --features).", error);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("clear")]
    public void A_cache_dir_that_is_a_file_is_refused_not_reported_as_an_empty_cache(string verb)
    {
        // cache info said "cache: <file>/embeddings.sqlite (does not exist yet)", a cache that never could.
        var file = _dir.Csv("f.txt", "x");
        Assert.Equal($"error: --cache-dir '{file}' is a file; the cache is a folder (it holds embeddings.sqlite).", _dir.Run("cache", verb, "--cache-dir", file).UserError());
    }

    [Theory]
    [InlineData("1e300")] // TimeSpan overflowed in ToOptions: an internal error
    [InlineData("0")] // said twice, once as "--trainer auto: the time budget must be ..."
    public void A_time_budget_out_of_range_is_one_problem_named_by_its_flag(string seconds)
    {
        var error = _dir.Run("train", "--data", Table("d.csv", 6, i => $"{i}", i => i % 2 == 0 ? "x" : "y"), "--out", _dir["m.zip"],
            "--trainer", "auto", "--time-budget", seconds).UserError();
        Assert.Equal($"error: --time-budget must be a positive number of seconds, at most 7 days (got {double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)}).", error);
    }

    [Fact]
    public void A_separator_that_is_not_the_files_says_the_header_became_one_column()
    {
        // It said "has no column named 'label' ... Columns: a<TAB>b<TAB>label."
        var tsv = _dir.Csv("d.tsv", "a\tb\tlabel", "1\t2\tx", "3\t4\ty");
        Assert.Equal($"error: '{tsv}': with --separator comma the header is one column ('a\tb\tlabel'), but it looks tab-separated: " +
            "leave --separator out (the separator is detected from the header), or pass --separator tab.",
            _dir.Run("train", "--data", tsv, "--out", _dir["m.zip"], "--separator", ",").UserError());
    }

    [Fact]
    public void Demo_with_an_out_dir_that_is_a_file_is_a_user_error()
    {
        var file = _dir.Csv("f.txt", "x"); // an internal error: IOException from creating the folder
        Assert.Equal($"error: The demo's output folder '{file}' is a file (--out-dir names a folder for the model and metrics).", _dir.Run("demo", "--out-dir", file).UserError());
    }
}
