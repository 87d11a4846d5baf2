using System.Collections.Concurrent;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// Counts the ONNX Runtime sessions opened on backbone files — a batched engine's own, and ML.NET's <c>ApplyOnnxModel</c>
/// built for a saved model (<see cref="FeaturePipeline.DeferBackbonePart"/>) — while a <see cref="Watch"/> scope is open on
/// the current flow (an <see cref="AsyncLocal{T}"/>: tests running in parallel do not see each other's sessions). Each
/// session costs about the model's size in memory and its graph optimisation time, so a test can hold a run to one per backbone.
/// </summary>
internal static class BackboneSessions
{
    private static readonly AsyncLocal<Counter?> Current = new();

    /// <summary>Starts counting on this flow until the returned counter is disposed (scopes nest: the outer one resumes).</summary>
    internal static Counter Watch()
    {
        var counter = new Counter(Current.Value);
        Current.Value = counter;
        return counter;
    }

    /// <summary>Records a session opened on <paramref name="backbone"/>'s model file (in every open scope of this flow).</summary>
    internal static void Opened(BackboneManifest backbone)
    {
        for (var counter = Current.Value; counter is not null; counter = counter.Outer)
            counter.Add(Path.GetFullPath(backbone.ModelPath));
    }

    /// <summary>Sessions opened per model file (full path) since <see cref="Watch"/>.</summary>
    internal sealed class Counter(Counter? outer) : IDisposable
    {
        private readonly ConcurrentDictionary<string, int> _opened = new(StringComparer.Ordinal);

        internal Counter? Outer { get; } = outer;

        /// <summary>Sessions opened on <paramref name="modelPath"/>'s file.</summary>
        public int Of(string modelPath) => _opened.GetValueOrDefault(Path.GetFullPath(modelPath));

        /// <summary>Sessions opened on any backbone file.</summary>
        public int Total => _opened.Values.Sum();

        internal void Add(string modelPath) => _opened.AddOrUpdate(modelPath, 1, (_, n) => n + 1);

        /// <summary>Stops counting into this scope.</summary>
        public void Dispose() => Current.Value = Outer;
    }
}
