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
        Assert.Equal(["path_or_row", "label", "brown", "catch", "chase", "circles", "day", "dog", "entire", "finally", "fox", "in", "its",
            "jumped", "lazy", "over", "quick", "ran", "slept", "tail", "the", "through", "to", "trying", "up", "woke"], header);
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
