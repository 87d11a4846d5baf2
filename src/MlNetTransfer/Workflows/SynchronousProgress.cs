namespace MlNetTransfer.Workflows;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order (unlike <see cref="Progress{T}"/>).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <summary>Calls the report action with <paramref name="value"/> now, on this thread.</summary>
    public void Report(T value) => report(value);
}
