using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// One feature part as a features file records it (<see cref="FeaturizerRecord"/>): what it reads, what computes it and
/// how many slots it fills; for a backbone part also the model file's sha256 (and the vocabulary's, for a text backbone),
/// its tensors and its preprocessing (the manifest's image or text settings, as compact JSON), which together decide the
/// embedding.
/// </summary>
/// <param name="Name">The part's column (<c>ImagePath.resnet18</c>).</param>
/// <param name="Kind">Its provider's kind (<c>image-backbone</c>).</param>
/// <param name="Featurizer">The featurizer's name as resolved (a backbone's manifest name).</param>
/// <param name="Inputs">The data columns it reads.</param>
/// <param name="Size">Its number of slots.</param>
/// <param name="ModelSha256">A backbone part: the sha256 (lower-case hex) of the ONNX file; null otherwise.</param>
/// <param name="VocabSha256">A text backbone part: the sha256 of its vocabulary file; null otherwise.</param>
/// <param name="Tensors">A backbone part: <c>&lt;input&gt; -&gt; &lt;output&gt;</c>; null otherwise.</param>
/// <param name="Preprocessing">A backbone part: the manifest's preprocessing as compact JSON; null otherwise.</param>
internal sealed record RecordedPart(string Name, string Kind, string Featurizer, IReadOnlyList<string> Inputs, int Size,
    string? ModelSha256 = null, string? VocabSha256 = null, string? Tensors = null, string? Preprocessing = null)
{
    /// <summary>Whether the part is a frozen backbone, rebuilt from its name alone (no fitted state).</summary>
    public bool IsBackbone => ModelSha256 is not null;

    /// <summary>
    /// One line for messages: a backbone part with its model's hash (<c>ImagePath.resnet18 (resnet18, model sha256
    /// 1a2b3c4d5e6f…)</c>), any other part as what it is and the columns it reads (<c>numeric (numeric columns, missing
    /// values replaced by the mean, standardised; from columns a, b, c, d and 2 more)</c>).
    /// </summary>
    public string Describe()
    {
        if (ModelSha256 is not null) return $"{Name} ({Featurizer}, model sha256 {ModelSha256[..Math.Min(12, ModelSha256.Length)]}…)";
        const int Shown = 4;
        var columns = string.Join(", ", Inputs.Take(Shown)) + (Inputs.Count > Shown ? $" and {Inputs.Count - Shown} more" : "");
        var what = Name == Featurizer || Name.EndsWith("." + Featurizer, StringComparison.Ordinal) ? FeatureKinds.Describe(Kind) : $"{Featurizer}: {FeatureKinds.Describe(Kind)}";
        return $"{Name} ({what}; from column{(Inputs.Count == 1 ? "" : "s")} {columns})";
    }
}
