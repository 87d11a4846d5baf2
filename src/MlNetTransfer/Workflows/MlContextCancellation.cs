using System.Reflection;
using Microsoft.ML;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Stops ML.NET trainers running in an <see cref="MLContext"/>: ML.NET 5.0.1 has <c>MLContext.CancelExecution()</c>
/// (trainers then throw <see cref="OperationCanceledException"/> at their next <c>CheckAlive</c>), but internal — its
/// public wrapper lives in the Microsoft.ML.Experimental package, which is not available here. Reached by reflection;
/// when a later ML.NET renames it, <see cref="IsAvailable"/> is false and a search keeps its budget by projection only.
/// </summary>
internal static class MlContextCancellation
{
    private static readonly MethodInfo? Cancel =
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, Type.EmptyTypes);

    /// <summary>True when this ML.NET has the method.</summary>
    public static bool IsAvailable => Cancel is not null;

    /// <summary>Asks the trainers running in <paramref name="ml"/> to stop; nothing when the method is missing.</summary>
    public static void Request(MLContext ml) => Cancel?.Invoke(ml, null);
}
