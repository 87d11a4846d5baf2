using System.Reflection;
using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests;

/// <summary>What a person tries first: --version, no arguments, a typo, --help, output piped into a file or a log.</summary>
public sealed class CliHabitsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Version_prints_the_informational_version_and_exits_0()
    {
        var expected = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Matches(@"^\d+\.\d+\.\d+", expected);
        foreach (var flag in new[] { "--version", "-v" })
        {
            var result = _dir.Run(flag).Succeeded();
            Assert.Equal(expected, result.Stdout.Trim());
            Assert.Equal("", result.Stderr);
        }
    }

    [Fact]
    public void No_arguments_prints_the_usage_and_exits_1()
    {
        var result = _dir.Run();
        var error = result.UserError();
        Assert.Contains("no command given", error);
        Assert.Contains("USAGE:", result.Stdout);
        Assert.Matches(@"(?m)^\s+train\s+Train a model", result.Stdout);
        Assert.Matches(@"(?m)^\s+-v, --version\s", result.Stdout);
    }

    [Fact]
    public void Unknown_option_or_command_suggests_the_nearest()
    {
        Assert.Equal("error: Unknown option 'tset'. Did you mean '--test'?", _dir.Run("train", "--tset", _dir["t"]).UserError());
        Assert.Equal("error: Unknown option 'lable'. Did you mean '--label'?", _dir.Run("evaluate", "--lable", "x").UserError());
        Assert.Equal("error: Unknown command 'trian'. Did you mean 'train'?", _dir.Run("trian").UserError());
        Assert.Equal("error: Unknown command 'clera'. Did you mean 'clear'?", _dir.Run("cache", "clera").UserError());
        // A word of one option's name (as the trial's 'train --epochs 3' for --unfreeze-epochs); several matches: no guess.
        // It says what that option does: --unfreeze-epochs is not the mlp head's epochs.
        Assert.Equal("error: Unknown option 'epochs'. Did you mean '--unfreeze-epochs'? It is: With --unfreeze: the most joint epochs of backbone and head " +
            "(default 10); early stopping on the validation split may end sooner.", _dir.Run("train", "--epochs", "3").UserError());
        Assert.StartsWith("error: Unknown option 'budget'. Did you mean '--time-budget'? It is: With --trainer auto:", _dir.Run("train", "--budget", "3").UserError());
        Assert.Equal("error: Unknown option 'column'.", _dir.Run("train", "--column", "x").UserError());
        // Nothing near: the message stays as it was, without a guess.
        Assert.Equal("error: Unknown option 'zzzzzzzz'.", _dir.Run("train", "--zzzzzzzz", "x").UserError());
    }

    [Theory]
    [InlineData("'--=x' is not an option: an option is --name or --name=value.", "train", "--=x")]
    [InlineData("'--=x' is not an option", "--=x")]
    [InlineData("Arguments after '--' would be ignored (--trainer fasttree)", "train", "--data", "d", "--out", "m.zip", "--", "--trainer", "fasttree")]
    [InlineData("Unknown option 'verbos'. Did you mean '--verbose'?", "train", "--data", "d", "--out", "m.zip", "--verbos")]
    [InlineData("Unknown option 'data-'. Did you mean '--data'?", "train", "--data-")]
    [InlineData("Unknown option '-data': long options take two dashes (--data).", "train", "-data", "x")]
    [InlineData("Unexpected argument 'stray': train takes options only (--name value).", "train", "--data", "d", "stray")]
    [InlineData("Unexpected argument '\u2014data': train takes options only (--name value). Did you mean '--data'?", "train", "\u2014data", "x")]
    [InlineData("'--\u00e9' is not an option name: names are letters, digits and dashes", "train", "--\u00e9")]
    public void Malformed_options_are_user_errors_that_name_the_argument(string expected, params string[] args) =>
        Assert.Contains(expected, _dir.Run(args).UserError());

    [Fact]
    public void Help_shows_the_required_options_first_and_verbose()
    {
        var help = _dir.Run("train", "--help").Succeeded().Stdout;
        Assert.Contains("mlnet-transfer train --data <PATH> --out <MODEL_ZIP> [OPTIONS]", help);
        Assert.Matches(@"(?m)^\s+--data <PATH>\s+Required\. Training data", help);
        Assert.Matches(@"(?m)^\s+--out <MODEL_ZIP>\s+Required\. Where to write", help);
        Assert.Matches(@"(?m)^\s+--verbose\s+On an error, also print its stack trace", help);
        Assert.True(help.IndexOf("--out <MODEL_ZIP>", StringComparison.Ordinal) < help.IndexOf("--help", StringComparison.Ordinal), help);
        Assert.Matches(@"(?m)^\s+--verbose\s", _dir.Run("--help").Succeeded().Stdout);
    }

    /// <summary>The help's table of required options is what each command's validation asks for.</summary>
    [Fact]
    public void Required_options_in_the_help_are_the_ones_validation_asks_for()
    {
        foreach (var (command, required) in CliApp.RequiredOptions)
        {
            var help = _dir.Run(command, "--help").Succeeded().Stdout;
            var error = _dir.Run(command).UserError();
            foreach (var option in required)
            {
                Assert.Matches($@"(?m)^\s+--{option} <[A-Z_]+>\s+Required\.", help);
                Assert.Contains($"--{option} is required", error);
            }
            Assert.Contains($"Usage: mlnet-transfer {command} --{required[0]} <", error);
        }
    }

    [Fact]
    public void Train_without_a_terminal_never_asks_and_fails_with_the_usage()
    {
        // A real process with its standard input open and nothing on it: it must not wait for an answer.
        var result = _dir.RunProcess("train");
        Assert.Equal("error: --data is required (or features to train from); --out is required. Usage: mlnet-transfer train --data <PATH> --out <MODEL_ZIP> [OPTIONS] " +
            "(every option: mlnet-transfer train --help).", result.UserError());
        Assert.Equal("", result.Stdout);
        Assert.Equal(result.Stderr, _dir.Run("train").Stderr);
    }

    /// <summary>
    /// Redirected output (a file, a pipe, CI) is never wrapped at 80 columns and has no colour codes: a long path stays
    /// on one line, in the process (Program.cs's console) and in-process (CliApp widens any console that is not a terminal).
    /// </summary>
    [Fact]
    public void Redirected_output_keeps_a_long_path_whole_and_plain()
    {
        var folder = _dir[string.Join('/', Enumerable.Repeat("a-folder-name-long-enough-to-wrap", 6))];
        var expected = $"cache: {Path.Combine(folder, "embeddings.sqlite")} (does not exist yet)";
        Assert.True(expected.Length > 200, expected);
        foreach (var result in new[] { _dir.Run("cache", "info", "--cache-dir", folder), _dir.RunProcess("cache", "info", "--cache-dir", folder) })
        {
            result.Succeeded();
            Assert.Equal(expected, result.Stdout.Split('\n')[0].TrimEnd('\r'));
            Assert.DoesNotContain("\u001b[", result.Stdout);
        }
    }
}

/// <summary>inspect on a zip says what the model is made of in words: task, labels, inputs, parts, head.</summary>
public sealed class InspectInWordsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Inspect_of_an_mlp_model_names_its_parts_head_and_labels()
    {
        _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--trainer", "mlp", "--pca", "3", "--out", _dir["p.zip"]).Succeeded();
        var text = _dir.Run("inspect", _dir["p.zip"]).Succeeded().Stdout;
        Assert.Contains("task: classification", text);
        Assert.Contains("labels (3, in score order): Adelie, Chinstrap, Gentoo", text);
        Assert.Contains("inputs: Island: text; Beak Length (mm): number;", text);
        Assert.Contains("features: 9 values, from 3 part(s):", text);
        Assert.Matches(@"│ numeric\s+│ numeric: numeric columns[^│]*│ Beak Length \(mm\), Beak Depth \(mm\), Flipper Length \(mm\), Body Mass \(g\)\s+│\s+4 │", text);
        Assert.Matches(@"│ Island\.onehot\s+│ onehot: categorical[^│]*│ Island\s+│\s+3 │", text);
        Assert.Matches(@"│ Sex\.onehot\s+│ onehot: categorical[^│]*│ Sex\s+│\s+2 │", text);
        Assert.Contains("feature space: PCA (exact, an ONNX graph): 9 -> 3 values", text);
        Assert.Contains("head: mlp: multilayer perceptron (an ONNX graph; the stock KMeans step after it is its argmax)", text);
        // The ML.NET steps come after, spelled without CLR arity marks.
        Assert.Contains("ClusteringPredictionTransformer<KMeansModelParameters>", text);
        Assert.DoesNotContain("`1", text);
    }

    [Fact]
    public void Inspect_of_a_text_model_names_the_featurizer_and_the_lr_head()
    {
        _dir.Run("train", "--data", TestData.SpamTrain, "--test", TestData.SpamTest, "--text-featurizer", "sklearn-count", "--out", _dir["s.zip"]).Succeeded();
        var text = _dir.Run("inspect", _dir["s.zip"]).Succeeded().Stdout;
        Assert.Contains("task: binary classification", text);
        Assert.Matches(@"│ text\.sklearn-count\s+│ sklearn-count: text vectorizer", text);
        Assert.Contains("head: lr: logistic regression (L-BFGS maximum entropy)", text);
        Assert.DoesNotMatch(new Regex(@"│ group\b"), text); // a leak the loader left out is not a part
    }
}
