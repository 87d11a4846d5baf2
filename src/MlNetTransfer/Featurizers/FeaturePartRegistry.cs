using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// The kinds of feature parts, found by name. <see cref="Default"/> holds, in resolution order: <c>image-backbone</c>,
/// <c>text-vectorizer</c>, <c>text-backbone</c>, <c>numeric</c>, <c>categorical</c>, <c>series</c>, <c>classical-image</c>. A featurizer name given for a role (a text featurizer,
/// say) goes to the first provider of that role that resolves it, so a preset name wins over a backbone of the same name.
/// A new kind of features is one <see cref="IFeaturePartProvider"/> and one <see cref="Register"/> line.
/// </summary>
public sealed class FeaturePartRegistry
{
    private readonly List<IFeaturePartProvider> _providers = [];

    /// <summary>The built-in kinds.</summary>
    public static FeaturePartRegistry Default { get; } = CreateDefault();

    /// <summary>A registry with the built-in kinds, to extend without touching <see cref="Default"/>.</summary>
    public static FeaturePartRegistry CreateDefault() => new FeaturePartRegistry()
        .Register(new ImageBackbonePartProvider())
        .Register(new TextVectorizerPartProvider())
        .Register(new TextBackbonePartProvider())
        .Register(new NumericPartProvider())
        .Register(new CategoricalPartProvider())
        .Register(new SeriesPartProvider())
        .Register(new ClassicalImagePartProvider());

    /// <summary>The providers, in resolution order.</summary>
    public IReadOnlyList<IFeaturePartProvider> Providers => _providers;

    /// <summary>Adds a provider; <see cref="ArgumentException"/> when its kind is taken. Returns this registry.</summary>
    public FeaturePartRegistry Register(IFeaturePartProvider provider)
    {
        if (_providers.Any(p => p.Kind == provider.Kind)) throw new ArgumentException($"A feature part kind '{provider.Kind}' is already registered.", nameof(provider));
        _providers.Add(provider);
        return this;
    }

    /// <summary>The provider of <paramref name="kind"/>; <see cref="InvalidOperationException"/> when none is registered (a bug).</summary>
    public IFeaturePartProvider Get(string kind) =>
        _providers.FirstOrDefault(p => p.Kind == kind) ?? throw new InvalidOperationException($"No feature part provider of kind '{kind}' is registered.");

    /// <summary>The provider of a given type (e.g. <see cref="ImageBackbonePartProvider"/>); <see cref="InvalidOperationException"/> when absent.</summary>
    public T Get<T>() where T : IFeaturePartProvider =>
        _providers.OfType<T>().FirstOrDefault() ?? throw new InvalidOperationException($"No {typeof(T).Name} is registered.");

    /// <summary>
    /// Resolves a featurizer name for columns of <paramref name="role"/>; a <see cref="UserInputException"/> listing the
    /// known names when no provider takes it.
    /// </summary>
    public FeaturizerChoice Resolve(ColumnRole role, string name)
    {
        foreach (var provider in _providers.Where(p => p.Role == role))
            if (provider.TryResolve(name) is { } choice) return choice;
        var known = _providers.Where(p => p.Role == role).SelectMany(p => p.KnownNames).Distinct(StringComparer.Ordinal);
        var backbones = _providers.Any(p => p.Role == role && p is TextBackbonePartProvider or ImageBackbonePartProvider)
            ? $", or a {role.ToString().ToLowerInvariant()} backbone's ONNX path" : "";
        throw new UserInputException($"Unknown {role.ToString().ToLowerInvariant()} featurizer '{name}': expected one of {string.Join(", ", known)}{backbones}.");
    }

    /// <summary>What is wrong with a featurizer name for <paramref name="role"/>, as a phrase for an options check; null when it resolves.</summary>
    public string? Problem(ColumnRole role, string name)
    {
        TryResolve(role, name, out var problem);
        return problem;
    }

    /// <summary>
    /// Resolves <paramref name="name"/> as <see cref="Resolve"/> does, once; when it does not resolve, null and
    /// <paramref name="problem"/> as a phrase for an options check.
    /// </summary>
    public FeaturizerChoice? TryResolve(ColumnRole role, string name, out string? problem)
    {
        try
        {
            problem = null;
            return Resolve(role, name);
        }
        catch (UserInputException e)
        {
            problem = char.ToLowerInvariant(e.Message[0]) + e.Message[1..].TrimEnd('.');
            return null;
        }
    }
}
