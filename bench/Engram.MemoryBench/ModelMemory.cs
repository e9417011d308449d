using System.Globalization;

namespace Engram.MemoryBench;

/// What loading the packaged model costs a process in resident memory, and how much of it is
/// garbage a full compacting collection gives back (the model's bytes read out of the DLL's
/// resources are large-object-heap garbage once ONNX Runtime has its own copy).
internal static class ModelMemory
{
    public static long ResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public static void Print(long before)
    {
        var loaded = ResidentMegabytes();
        var managed = GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024);
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var collected = ResidentMegabytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the model in this process: RSS {before} MB before, {loaded} MB loaded and used once (managed heap {managed} MB), {collected} MB after a full compacting GC"));
    }
}
