using System.Runtime;
using System.Runtime.InteropServices;

namespace MlNetTransfer.Common;

/// <summary>
/// Hands memory that setup used and freed back to the operating system before a long pass, so that the pass's resident
/// memory starts from what is live. Setting up an image backbone run allocates far more than it keeps: parsing a 64 MB
/// ResNet18 graph for its input shape, ML.NET reading the model bytes, two ONNX Runtime sessions optimising the graph.
/// Freed, that memory stays resident (the GC keeps its committed regions, glibc's malloc keeps freed chunks inside its
/// arenas), by an amount that differed by 100-140 MB between two otherwise equal <c>featurize</c> runs of 2,000 and
/// 20,000 images (BENCHMARKS.md, "Memory"): more than the whole growth of the 20,000-image pass.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>
    /// A blocking, compacting, decommitting full collection (large-object heap included), then, on Linux with glibc,
    /// <c>malloc_trim(0)</c> (returns free pages of every malloc arena). Costs one full collection (tens to a few hundred
    /// milliseconds for a heap of some hundred MB): for the start of a pass of minutes, not for every batch.
    /// </summary>
    public static void ReleaseFreed()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux()) TrimNativeHeap();
    }

    private static void TrimNativeHeap()
    {
        try
        {
            malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc (musl has no malloc_trim): nothing to hand back this way
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
