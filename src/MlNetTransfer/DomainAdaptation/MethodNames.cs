using System.Globalization;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>Method names with their settings when not the defaults: <c>self-training(alignment=mean-std, rounds=2)</c>.</summary>
internal static class MethodNames
{
    /// <summary><paramref name="name"/>, followed by the settings that are not null in parentheses.</summary>
    public static string With(string name, params (string Key, object? Value)[] settings)
    {
        var shown = settings.Where(s => s.Value is not null)
            .Select(s => $"{s.Key}={(s.Value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : s.Value)}")
            .ToList();
        return shown.Count == 0 ? name : $"{name}({string.Join(", ", shown)})";
    }

    /// <summary>The alignment's name as a setting: null (not shown) for <c>none</c>.</summary>
    public static string? Alignment(IFeatureAlignment alignment) => alignment.Name == "none" ? null : alignment.Name;

    /// <summary>The value when it differs from the default, else null.</summary>
    public static object? IfNot<T>(T value, T defaultValue) => EqualityComparer<T>.Default.Equals(value, defaultValue) ? null : value;

    /// <summary>The values of the self-training options that are not the defaults.</summary>
    public static (string, object?)[] Of(SelfTrainingOptions options)
    {
        var defaults = new SelfTrainingOptions();
        return
        [
            ("rounds", IfNot(options.Rounds, defaults.Rounds)),
            ("threshold", IfNot(options.Threshold, defaults.Threshold)),
            ("max-fraction", IfNot(options.MaxFraction, defaults.MaxFraction)),
            ("target-only", IfNot(options.TargetOnlyLastRound, defaults.TargetOnlyLastRound)),
        ];
    }
}
