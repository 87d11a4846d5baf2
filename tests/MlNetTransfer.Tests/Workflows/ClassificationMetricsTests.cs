using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

public sealed class ClassificationMetricsTests
{
    private static Prediction P(string predicted, params float[] probabilities) => new("id", predicted, probabilities);

    [Fact]
    public void Multiclass_MatchesHandComputedValues()
    {
        string[] labels = ["a", "b", "c"];
        string[] truth = ["a", "a", "b", "c"];
        Prediction[] predictions = [P("a", 0.7f, 0.2f, 0.1f), P("b", 0.4f, 0.5f, 0.1f), P("b", 0.1f, 0.8f, 0.1f), P("a", 0.5f, 0.25f, 0.25f)];
        var m = ClassificationMetrics.Compute(labels, truth, predictions);

        Assert.Equal("multiclass", m.Task);
        Assert.Equal(0.5, m.Accuracy, 12);
        Assert.Equal((0.5 + 1 + 0) / 3, m.MacroAccuracy, 12);          // recall a = 1/2, b = 1, c = 0
        Assert.Equal((0.5 + 2.0 / 3 + 0) / 3, m.MacroF1, 12);          // F1 a = 2*1/(2+2), b = 2*1/(1+2), c = 0
        Assert.Equal(-(Math.Log(0.7) + Math.Log(0.4) + Math.Log(0.8) + Math.Log(0.25)) / 4, m.LogLoss, 5);
        Assert.Null(m.Auc);
        Assert.Equal([[1, 1, 0], [0, 1, 0], [1, 0, 0]], m.ConfusionMatrix.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Binary_AucCountsTiesAsHalf()
    {
        string[] labels = ["neg", "pos"];
        string[] truth = ["neg", "pos", "neg", "pos"];
        // positive scores 0.8, 0.4; negative 0.4, 0.1 -> pairs: (0.8>0.4)=1, (0.8>0.1)=1, (0.4=0.4)=0.5, (0.4>0.1)=1 -> 3.5/4
        Prediction[] predictions = [P("neg", 0.6f, 0.4f), P("pos", 0.2f, 0.8f), P("neg", 0.9f, 0.1f), P("neg", 0.6f, 0.4f)];
        var m = ClassificationMetrics.Compute(labels, truth, predictions);
        Assert.Equal("binary", m.Task);
        Assert.Equal(0.875, m.Auc!.Value, 12);
        Assert.Contains("\"auc\"", m.ToJson());
    }

    [Fact]
    public void UnknownTrueLabel_IsAUserError_NamingIt()
    {
        var e = Assert.Throws<UserInputException>(() => ClassificationMetrics.Compute(["a", "b"], ["zebra"], [P("a", 1, 0)]));
        Assert.Equal("The data has label 'zebra', which the model was not trained on (it knows: a, b).", e.Message);
    }

    [Fact]
    public void SameOutcome_IsExactOnCountsAndTolerantOnProbabilityMetrics()
    {
        string[] labels = ["a", "b"];
        string[] truth = ["a", "b", "b", "a"];
        Prediction[] predictions = [P("a", 0.9f, 0.1f), P("b", 0.3f, 0.7f), P("a", 0.6f, 0.4f), P("a", 0.8f, 0.2f)];
        var m = ClassificationMetrics.Compute(labels, truth, predictions);
        Assert.True(m.HasSameOutcomeAs(m with { }));
        Assert.True(m.HasSameOutcomeAs(m with { LogLoss = m.LogLoss + 6e-9, Auc = m.Auc + 1e-9 }));
        Assert.False(m.HasSameOutcomeAs(m with { LogLoss = m.LogLoss + 1e-4 }));
        Assert.False(m.HasSameOutcomeAs(m with { Auc = m.Auc + 1e-4 }));
        Assert.False(m.HasSameOutcomeAs(m with { Auc = null }));
        Assert.False(m.HasSameOutcomeAs(m with { ConfusionMatrix = [[1, 1], [1, 1]] }));
        Assert.False(m.HasSameOutcomeAs(m with { Labels = ["b", "a"] }));
        Assert.True((m with { Auc = double.NaN }).HasSameOutcomeAs(m with { Auc = double.NaN })); // one-label data: AUC undefined on both paths
    }

    [Fact]
    public void Binary_OneLabelOnly_AucIsNullInJsonWithTheReason()
    {
        var m = ClassificationMetrics.Compute(["neg", "pos"], ["pos", "pos"], [P("pos", 0.2f, 0.8f), P("neg", 0.6f, 0.4f)]);
        Assert.True(double.IsNaN(m.Auc!.Value));
        Assert.Equal("the data holds only one of the two labels ('pos')", m.AucUndefined);
        Assert.Null(m.LogLossUndefined);
        var json = m.ToJson(); // threw "NaN is not a valid JSON number" before
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement.GetProperty("auc").ValueKind);
        Assert.Equal("the data holds only one of the two labels ('pos')", doc.RootElement.GetProperty("aucUndefined").GetString());
        Assert.False(doc.RootElement.TryGetProperty("logLossUndefined", out _));
        Assert.Equal(0.5, doc.RootElement.GetProperty("macroAccuracy").GetDouble()); // recall over the one present class
        var back = ClassificationMetrics.FromJson(json);
        Assert.True(m.HasSameOutcomeAs(back));
        Assert.Equal(m.AucUndefined, back.AucUndefined);
    }

    [Fact]
    public void NonFiniteProbabilities_MakeLogLossAndAucNullWithTheReason()
    {
        var m = ClassificationMetrics.Compute(["neg", "pos"], ["neg", "pos"], [P("neg", float.NaN, float.NaN), P("pos", 0.2f, 0.8f)]);
        Assert.Equal("the model gave a non-finite probability for 1 example(s) (first: 'id')", m.LogLossUndefined);
        Assert.Equal(m.LogLossUndefined, m.AucUndefined);
        using var doc = System.Text.Json.JsonDocument.Parse(m.ToJson());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement.GetProperty("logLoss").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement.GetProperty("auc").ValueKind);
        Assert.Equal(1.0, doc.RootElement.GetProperty("accuracy").GetDouble());
        Assert.True(m.HasSameOutcomeAs(ClassificationMetrics.FromJson(m.ToJson())));
    }

    [Fact]
    public void Multiclass_LeavesAucOut_AndReasonsOfDefinedMetrics()
    {
        var m = ClassificationMetrics.Compute(["a", "b", "c"], ["a"], [P("a", 0.7f, 0.2f, 0.1f)]);
        using var doc = System.Text.Json.JsonDocument.Parse(m.ToJson());
        Assert.Equal(["task", "examples", "accuracy", "macroAccuracy", "macroF1", "logLoss", "labels", "confusionMatrix"],
            doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Null(ClassificationMetrics.FromJson(m.ToJson()).Auc);
    }

    /// <summary>
    /// macro-F1 equals scikit-learn 1.2.1's <c>f1_score(average="macro")</c> (Fixtures/make_macro_f1_fixtures.py): the mean
    /// over the labels true or predicted at least once, so a model label absent from a subset (neither true nor predicted)
    /// does not count as an F1 of 0. Ten of the nineteen cases leave some of the model's labels out.
    /// </summary>
    [Fact]
    public void MacroF1_FollowsScikitLearn_OverTheLabelsTrueOrPredicted()
    {
        var path = Path.Combine(TestData.RepoRoot(), "tests", "MlNetTransfer.Tests", "Workflows", "Fixtures", "macro_f1.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("1.2.1", doc.RootElement.GetProperty("sklearn").GetString());
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(19, cases.Count);
        var leftOut = 0;
        foreach (var c in cases)
        {
            string[] Strings(string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
            var labels = Strings("labels");
            var truth = Strings("truth");
            var predictions = Strings("predicted").Select(p => P(p, labels.Select(l => l == p ? 1f : 0f).ToArray())).ToArray();
            var m = ClassificationMetrics.Compute(labels, truth, predictions);
            var expected = c.GetProperty("macroF1").GetDouble();
            Assert.True(Math.Abs(expected - m.MacroF1) <= 1e-12, $"{c.GetProperty("name").GetString()}: scikit-learn {expected}, ours {m.MacroF1}");
            if (Strings("presentLabels").Length < labels.Length) leftOut++;
        }
        Assert.Equal(10, leftOut);
    }

    [Fact]
    public void MacroF1_OnASubset_IgnoresLabelsNeitherTrueNorPredicted()
    {
        // The model knows a, b, c, d; the subset holds a and b only and nothing is predicted c or d.
        var m = ClassificationMetrics.Compute(["a", "b", "c", "d"], ["a", "a", "b", "b"],
            [P("a", 1, 0, 0, 0), P("b", 0, 1, 0, 0), P("b", 0, 1, 0, 0), P("b", 0, 1, 0, 0)]);
        Assert.Equal((2.0 / 3 + 0.8) / 2, m.MacroF1, 12);   // F1 a = 2·1/(2+1), b = 2·2/(2+3); c and d absent
        Assert.Equal((0.5 + 1.0) / 2, m.MacroAccuracy, 12); // the same classes: recall a = 1/2, b = 1
    }
}
