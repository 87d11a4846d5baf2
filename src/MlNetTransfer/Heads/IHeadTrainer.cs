using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// A classification head: what trains on the features and ends a saved model. Implementations are registered by
/// <see cref="Name"/> in a <see cref="HeadRegistry"/>; their typed options are their constructor's arguments.
/// <see cref="Fit"/> must return a transformer honouring the output contract of <see cref="ClassificationHead"/>:
/// <c>PredictedLabel</c> (the label's text), <c>Score</c> (per-class scores in <see cref="HeadTrainingContext.Labels"/>
/// order, or a binary margin plus <c>Probability</c>) and <c>PredictedLabelKey</c> (a key whose values are the labels),
/// and it must not need the label column at prediction time. Call it through <see cref="ClassificationHead.Fit(MLContext, IDataView, IHeadTrainer, HeadTrainingContext)"/>,
/// which checks the labels before and the contract after.
/// </summary>
public interface IHeadTrainer
{
    /// <summary>The name the command line and the registry use (lower case, e.g. <c>lr</c>).</summary>
    string Name { get; }

    /// <summary>One line for help texts: what the head is.</summary>
    string Description { get; }

    /// <summary>
    /// Fits the head on <paramref name="data"/>, which holds a known-size float vector column
    /// <see cref="HeadTrainingContext.FeatureColumn"/> and a text label column <see cref="HeadTrainingContext.LabelColumn"/>.
    /// </summary>
    ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context);
}
