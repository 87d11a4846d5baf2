using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// A regression head: what trains on the features to predict a number and ends a saved model. Implementations are
/// registered by <see cref="Name"/> in a <see cref="RegressionHeadRegistry"/>; their typed options are their
/// constructor's arguments. <see cref="Fit"/> must return a transformer honouring <see cref="RegressionHead"/>'s output
/// contract — <c>Score</c>, a float scalar, the prediction in the label's units — and must not need the label column at
/// prediction time. Call it through <see cref="RegressionHead.Fit(MLContext, IDataView, IRegressionHeadTrainer, RegressionHeadContext)"/>,
/// which checks the label before and the contract after.
/// </summary>
public interface IRegressionHeadTrainer
{
    /// <summary>The name the command line and the registry use (lower case, e.g. <c>linear</c>).</summary>
    string Name { get; }

    /// <summary>One line for help texts: what the head is.</summary>
    string Description { get; }

    /// <summary>
    /// Fits the head on <paramref name="data"/>, which holds a known-size float vector column
    /// <see cref="RegressionHeadContext.FeatureColumn"/> and a float (Single) label column <see cref="RegressionHeadContext.LabelColumn"/>
    /// with no missing values.
    /// </summary>
    ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context);
}
