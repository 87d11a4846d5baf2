using System.Globalization;
using System.Runtime.InteropServices;

namespace MlNetTransfer.Bench;

/// <summary>
/// One reading of this process's memory: resident set and its peak (<c>VmRSS</c>, <c>VmHWM</c> of /proc/self/status, KiB),
/// threads, the managed heap (<see cref="GC.GetTotalMemory"/>: objects; the GC's committed bytes: what it holds from the
/// system), collections per generation, objects waiting for their finalizer, and glibc malloc's bytes in use and held
/// (<c>mallinfo2</c>: uordblks + hblkhd, arena + hblkhd; -1 where there is no glibc): native memory (ONNX Runtime, SkiaSharp).
/// </summary>
internal sealed record MemorySample(double Seconds, int ImagesDone, long RssKiB, long HwmKiB, int Threads, long ManagedBytes, long GcCommittedBytes,
    int Gen0, int Gen1, int Gen2, long FinalizationPending, long MallocInUseBytes, long MallocHeldBytes)
{
    public const string CsvHeader = "seconds,images_done,rss_kib,hwm_kib,threads,managed_mib,gc_committed_mib,gen0,gen1,gen2,finalization_pending,malloc_in_use_mib,malloc_held_mib";

    public static MemorySample Read(double seconds, int imagesDone)
    {
        var status = File.ReadAllLines("/proc/self/status");
        long Field(string name) => long.Parse(status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var (inUse, held) = Malloc();
        return new MemorySample(seconds, imagesDone, Field("VmRSS"), Field("VmHWM"), (int)Field("Threads"), GC.GetTotalMemory(false), info.TotalCommittedBytes,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), info.FinalizationPendingCount, inUse, held);
    }

    public string CsvRow() => string.Create(CultureInfo.InvariantCulture,
        $"{Seconds:F0},{ImagesDone},{RssKiB},{HwmKiB},{Threads},{Mib(ManagedBytes):F1},{Mib(GcCommittedBytes):F1},{Gen0},{Gen1},{Gen2},{FinalizationPending},{Mib(MallocInUseBytes):F1},{Mib(MallocHeldBytes):F1}");

    private static double Mib(long bytes) => bytes < 0 ? -1 : bytes / 1048576.0;

    private static (long InUse, long Held) Malloc()
    {
        try
        {
            var m = mallinfo2();
            return ((long)(m.Uordblks + m.Hblkhd), (long)(m.Arena + m.Hblkhd)); // mmapped chunks (hblkhd) are in use and held
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return (-1, -1);
        }
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();

    /// <summary>glibc's <c>struct mallinfo2</c> (all <c>size_t</c>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo2
    {
        public readonly nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }
}
