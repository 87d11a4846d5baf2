namespace MlNetTransfer.Heads;

/// <summary>
/// The heads a run can choose by name. <see cref="Default"/> holds <c>lr</c>, <c>fasttree</c>, <c>lightgbm</c> and <c>mlp</c>, in
/// documentation order; a new head is one class implementing <see cref="IHeadTrainer"/> and one <see cref="Register"/>
/// line (in <see cref="CreateDefault"/> for a built-in). Lookups ignore case and surrounding spaces.
/// </summary>
public sealed class HeadRegistry
{
    private readonly List<IHeadTrainer> _heads = [];

    /// <summary>The built-in heads.</summary>
    public static HeadRegistry Default { get; } = CreateDefault();

    /// <summary>A registry with the built-in heads, to extend without touching <see cref="Default"/>.</summary>
    public static HeadRegistry CreateDefault() => new HeadRegistry()
        .Register(new LogisticRegressionHead())
        .Register(new FastTreeHead())
        .Register(new LightGbmHead())
        .Register(new MultilayerPerceptronHead());

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => _heads.Select(h => h.Name).ToList();

    /// <summary>The registered heads, in registration order.</summary>
    public IReadOnlyList<IHeadTrainer> Heads => _heads;

    /// <summary>Adds <paramref name="head"/>; <see cref="ArgumentException"/> when its name is taken. Returns this registry.</summary>
    public HeadRegistry Register(IHeadTrainer head)
    {
        if (Find(head.Name) is not null) throw new ArgumentException($"A head named '{head.Name}' is already registered.", nameof(head));
        _heads.Add(head);
        return this;
    }

    /// <summary>The head named <paramref name="name"/>, or null.</summary>
    public IHeadTrainer? Find(string name) =>
        _heads.FirstOrDefault(h => string.Equals(h.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The head named <paramref name="name"/>; a <see cref="UserInputException"/> listing the names when unknown.</summary>
    public IHeadTrainer Get(string name) => Find(name) ?? throw new UserInputException($"Unknown trainer '{name}': expected one of {string.Join(", ", Names)}.");

    /// <summary>What is wrong with a head name, as a phrase for an options check; null when it is registered.</summary>
    public string? Problem(string name) =>
        Find(name) is null ? $"unknown trainer '{name}': expected one of {string.Join(", ", Names)}" : null;
}
