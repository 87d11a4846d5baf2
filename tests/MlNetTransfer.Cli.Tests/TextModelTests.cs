namespace MlNetTransfer.Cli.Tests;

/// <summary>Text columns through the CLI: train on real emails, predict raw text from the zip in a fresh process, featurize like scikit-learn.</summary>
public sealed class TextModelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("tfidf", "lr", 0.9)]
    [InlineData("sklearn-tfidf", "fasttree", 0.85)]
    public void Train_OnSpamAssassinText_ThenPredictRawTextFromTheZip(string featurizer, string trainer, double floor)
    {
        _dir.Run("train", "--data", TestData.SpamTrain, "--test", TestData.SpamTest, "--text-column", "text",
            "--text-featurizer", featurizer, "--trainer", trainer, "--out", _dir["spam.zip"], "--metrics-json", _dir["metrics.json"]).Succeeded();
        using (var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir["metrics.json"])))
        {
            var accuracy = metrics.RootElement.GetProperty("accuracy").GetDouble();
            Assert.True(accuracy >= floor, $"accuracy {accuracy} < {floor}");
            Assert.Equal("binary", metrics.RootElement.GetProperty("task").GetString());
        }

        // A fresh process loads the zip and classifies raw text.
        var spam = _dir.Run("predict", "--model", _dir["spam.zip"], "--input",
            "Make money fast!!! Click here to order now, 100% FREE, limited time offer, remove me from this list").Succeeded();
        Assert.StartsWith("predicted: spam", spam.Stdout);

        _dir.Run("predict", "--model", _dir["spam.zip"], "--data", TestData.SpamTest, "--out", _dir["p.csv"]).Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["p.csv"]);
        Assert.Equal(["path_or_row", "predicted", "score_ham", "score_spam"], header);
        Assert.Equal(100, rows.Count);
    }

    [Fact]
    public void Train_WithMiniLm_ThenPredictRawTextFromTheZip()
    {
        _dir.Run("train", "--data", TestData.SpamTrain, "--test", TestData.SpamTest, "--text-column", "text",
            "--text-featurizer", "minilm", "--out", _dir["minilm.zip"], "--metrics-json", _dir["metrics.json"]).Succeeded();
        using (var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir["metrics.json"])))
        {
            var accuracy = metrics.RootElement.GetProperty("accuracy").GetDouble();
            Assert.True(accuracy >= 0.85, $"accuracy {accuracy}"); // measured 0.94
        }
        var spam = _dir.Run("predict", "--model", _dir["minilm.zip"], "--input",
            "Make money fast!!! Click here to order now, FREE offer").Succeeded();
        Assert.StartsWith("predicted: spam", spam.Stdout);
    }

    /// <summary>
    /// A minilm zip run by the app deployed without <c>onnx-models/</c> (a copy of it in another folder, run in a folder
    /// without one): with <c>MLNET_TRANSFER_MODELS</c> naming a folder that holds only <c>minilm.vocab.txt</c> it predicts;
    /// with the vocabulary nowhere it fails with one line naming the file, every folder searched and the fix, exit 1.
    /// </summary>
    [Fact]
    public void Predict_WithAMiniLmZip_NeedsOnlyTheVocabulary_AndWithoutItSaysWhereItLooked()
    {
        var rows = Enumerable.Range(0, 6).SelectMany(i => new[]
        {
            $"\"Win a free prize now, click here to claim offer {i}\",spam",
            $"\"Meeting notes for the project review on day {i}\",ham",
        });
        var csv = _dir.Csv("texts.csv", ["text,label", .. rows]);
        _dir.Run("train", "--data", csv, "--text-column", "text", "--text-featurizer", "minilm", "--out", _dir["minilm.zip"]).Succeeded();

        var app = Directory.CreateDirectory(_dir["app"]).FullName;
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory)) File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        Directory.CreateSymbolicLink(Path.Combine(app, "runtimes"), Path.Combine(AppContext.BaseDirectory, "runtimes"));
        var work = Directory.CreateDirectory(_dir["work"]).FullName;
        var vocab = Directory.CreateDirectory(_dir["vocab"]).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "onnx-models", "minilm.vocab.txt"), Path.Combine(vocab, "minilm.vocab.txt"));
        string[] predict = ["predict", "--model", _dir["minilm.zip"], "--input", "Click here to claim your free prize"];

        var withVocabulary = RunDeployed(app, work, new() { ["MLNET_TRANSFER_MODELS"] = vocab }, predict).Succeeded();
        Assert.StartsWith("predicted: ", withVocabulary.Stdout);

        var error = RunDeployed(app, work, [], predict).UserError();
        Assert.Equal(
            "error: The saved model's minilm tokenization step (contract 'MlNetTransfer.BertTokenize.minilm.v1') needs the vocabulary file 'minilm.vocab.txt', " +
            $"which is in none of the folders searched: '{Path.Combine(work, "onnx-models")}' (./onnx-models), '{Path.Combine(app, "onnx-models")}' (next to the application); " +
            "MLNET_TRANSFER_MODELS is not set. Put minilm.vocab.txt in one of them (a build of MlNetTransfer writes it to onnx-models/), or set MLNET_TRANSFER_MODELS " +
            "to a folder that holds it; the backbone's ONNX file is not needed, the zip holds the graph.", error);
    }

    /// <summary>Runs the app copied to <paramref name="app"/> as a process in <paramref name="workingDirectory"/>, hermetic as <see cref="CliRunner"/>'s processes.</summary>
    private static CliResult RunDeployed(string app, string workingDirectory, Dictionary<string, string> environment, string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new System.Diagnostics.ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(app, "mlnet-transfer.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("MLNET_TRANSFER_MODELS");
        start.Environment["XDG_CACHE_HOME"] = CliRunner.SharedCacheHome;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(CliRunner.Timeout), $"mlnet-transfer {string.Join(' ', args)} did not finish within {CliRunner.Timeout}");
        process.WaitForExit();
        return new CliResult(args, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    [Fact]
    public void Featurize_SklearnCount_GivesCountVectorizersMatrixAndNames()
    {
        File.WriteAllLines(_dir["docs.csv"],
        [
            "text",
            "\"The quick brown fox jumped over the lazy dog.\"",
            "\"The dog slept through the entire day.\"",
            "\"The fox ran in circles trying to catch its tail.\"",
            "\"The lazy dog finally woke up to chase the fox.\"",
        ]);
        _dir.Run("featurize", "--data", _dir["docs.csv"], "--text-featurizer", "sklearn-count", "--out", _dir["f.csv"]).Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        // CountVectorizer().fit(docs).get_feature_names_out() and .transform(docs).toarray(), scikit-learn 1.2.1.
        // Each named <column>.<featurizer>:<term>, in get_feature_names_out's order.
        Assert.Equal(["path_or_row", "label", .. new[] { "brown", "catch", "chase", "circles", "day", "dog", "entire", "finally", "fox", "in", "its",
            "jumped", "lazy", "over", "quick", "ran", "slept", "tail", "the", "through", "to", "trying", "up", "woke" }.Select(t => "text.sklearn-count:" + t)], header);
        Assert.Equal("1,0,0,0,0,1,0,0,1,0,0,1,1,1,1,0,0,0,2,0,0,0,0,0", string.Join(",", rows[0].Skip(2)));
        Assert.Equal("0,0,0,0,1,1,1,0,0,0,0,0,0,0,0,0,1,0,2,1,0,0,0,0", string.Join(",", rows[1].Skip(2)));
        Assert.Equal("0,1,0,1,0,0,0,0,1,1,1,0,0,0,0,1,0,1,1,0,1,1,0,0", string.Join(",", rows[2].Skip(2)));
        Assert.Equal("0,0,1,0,0,1,0,1,1,0,0,0,1,0,0,0,0,0,2,0,1,0,1,1", string.Join(",", rows[3].Skip(2)));
    }
}

/// <summary>featurize's header never repeats a name, whatever the vocabulary holds.</summary>
public sealed class FeatureNameTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Featurize_VocabularyHoldingLabelAndPathOrRow_PrefixesTheTerms()
    {
        File.WriteAllLines(_dir["docs.csv"], ["text", "\"the label is wrong\"", "\"path_or_row and label\""]);
        _dir.Run("featurize", "--data", _dir["docs.csv"], "--text-featurizer", "sklearn-count", "--out", _dir["f.csv"]).Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(["path_or_row", "label", "text.sklearn-count:and", "text.sklearn-count:is", "text.sklearn-count:label",
            "text.sklearn-count:path_or_row", "text.sklearn-count:the", "text.sklearn-count:wrong"], header);
        Assert.Equal("0,1,1,0,1,1", string.Join(",", rows[0].Skip(2)));
    }

    [Fact]
    public void Featurize_NumericColumnNamedPathOrRow_IsPrefixed()
    {
        File.WriteAllLines(_dir["n.csv"], ["path_or_row,x", "1,2", "3,4"]);
        _dir.Run("featurize", "--data", _dir["n.csv"], "--numeric-column", "path_or_row", "--numeric-column", "x", "--out", _dir["f.csv"]).Succeeded();
        var (header, _) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(header.Count, header.Distinct().Count());
        Assert.Equal(["path_or_row", "label", "numeric:path_or_row", "numeric:x"], header);
    }
}
