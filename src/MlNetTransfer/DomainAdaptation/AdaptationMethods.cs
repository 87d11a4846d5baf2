namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// The domain-adaptation methods by the names <c>adapt --method</c> takes, with their default settings, and the
/// candidates <c>--method auto</c> compares. The methods that pseudo-label or use a few target labels start from
/// per-domain standardisation (<see cref="MeanStdAlignment"/>): on ResNet18 embeddings of a geometric shift, per-domain
/// z-score + class-balanced self-training closed most of the gap in the prototype the issue reports.
/// </summary>
public static class AdaptationMethods
{
    /// <summary>The choice made without target labels: the candidate with the highest information-maximisation score on the target.</summary>
    public const string Auto = "auto";

    /// <summary>The method that needs labeled target examples.</summary>
    public const string FewShot = "few-shot";

    /// <summary>Every method name, in documentation order: <c>none</c> is the source-only baseline.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["none", "mean-std", "coral", "subspace-alignment", "dann", "self-training", "co-training", FewShot];

    /// <summary>True for <see cref="Auto"/> and every name of <see cref="Names"/>.</summary>
    public static bool IsKnown(string? name) => name == Auto || Names.Contains(name);

    /// <summary>The candidates of <see cref="Auto"/>: every method, <see cref="FewShot"/> only when labeled target examples are given.</summary>
    public static IReadOnlyList<string> AutoCandidates(bool targetLabeled) => targetLabeled ? Names : Names.Where(n => n != FewShot).ToList();

    /// <summary>The method named <paramref name="name"/> with its default settings; an <see cref="ArgumentException"/> listing the names for any other.</summary>
    public static IDomainAdaptationMethod Create(string name) => name switch
    {
        "none" => new AlignedHeadMethod(new NoAlignment()),
        "mean-std" => new AlignedHeadMethod(new MeanStdAlignment()),
        "coral" => new AlignedHeadMethod(new CoralAlignment(new CoralOptions())),
        "subspace-alignment" => new AlignedHeadMethod(new SubspaceAlignment(new SubspaceAlignmentOptions())),
        "dann" => new DannMethod(new DannOptions()),
        "self-training" => new SelfTrainingMethod(new MeanStdAlignment(), new SelfTrainingOptions()),
        "co-training" => new CoTrainingMethod(new MeanStdAlignment(), new CoTrainingOptions()),
        FewShot => new FewShotMethod(new MeanStdAlignment()),
        _ => throw new ArgumentException($"Unknown adaptation method '{name}': expected one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
