using Microsoft.ML;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// A domain-adaptation method (<c>adapt --method</c>): from labeled source rows and unlabeled (and optionally a few
/// labeled) target rows it builds the steps between the features and the prediction, for target-domain inputs.
/// </summary>
public interface IDomainAdaptationMethod
{
    /// <summary>The method's name as the CLI spells it (<c>self-training</c>), with settings when not the defaults.</summary>
    string Name { get; }

    /// <summary>
    /// Fits the method. The returned transformer reads <c>Features</c> as a vector of <see cref="AdaptationData.FeatureCount"/>
    /// floats (fit every step on a view whose features column has that type). A <see cref="UserInputException"/> for data
    /// the method cannot use (too few rows, a class missing from the source…), naming it; <see cref="OperationCanceledException"/>
    /// when <see cref="AdaptationContext.Cancellation"/> fires.
    /// </summary>
    AdaptedHead Fit(MLContext ml, AdaptationData data, AdaptationContext context);
}
