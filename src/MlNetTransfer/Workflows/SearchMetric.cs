namespace MlNetTransfer.Workflows;

/// <summary>
/// What <see cref="HeadSearch"/> ranks candidates by, computed on each cross-validation fold's held-out rows as the test
/// metrics are (<see cref="ClassificationMetrics"/>, <see cref="RegressionMetrics"/>). Classification: accuracy,
/// macro-F1, log-loss (lower is better), AUC (two labels only). Regression: R², RMSE and MAE (lower is better).
/// </summary>
public enum SearchMetric
{
    /// <summary>Share of correct predictions (classification; higher is better).</summary>
    Accuracy,
    /// <summary>Mean F1 over the labels (classification; higher is better).</summary>
    MacroF1,
    /// <summary>Mean cross-entropy in nats (classification; lower is better).</summary>
    LogLoss,
    /// <summary>ROC AUC of the second label (binary classification only; higher is better).</summary>
    Auc,
    /// <summary>Coefficient of determination (regression; higher is better).</summary>
    R2,
    /// <summary>Root mean squared error in the label's unit (regression; lower is better).</summary>
    Rmse,
    /// <summary>Mean absolute error in the label's unit (regression; lower is better).</summary>
    Mae,
}
