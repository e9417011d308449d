using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Engram.IndexBench;

// dotnet run -c Release --project bench/Engram.IndexBench [sizes, e.g. 1000 10000 100000]
// Single-threaded, one index at a time; each figure is over 300 queries after 30 of warm-up.
// "est MB" is the index's own estimate (what MemoryIndexes' budget counts) beside the measured heap growth.
// "cpu" is the process's CPU time per query: on a shared machine it moves less than wall time.
const int dimensions = 384;
int[] sizes = args.Length > 0 ? [.. args.Select(int.Parse)] : [1_000, 10_000, 100_000];

Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
    $"AVX-512BW {Avx512BW.IsSupported}, AVX2 {Avx2.IsSupported}, {dimensions}-d, k 10, " +
    $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine();
Console.WriteLine("vector    rows  data       build ms  index MB  est MB  int8+rescore p50/p99/cpu ms  float32 p50/p99/cpu ms  recall@10");
foreach (var size in sizes)
{
    Scenarios.Vector(size, dimensions, clustered: false);
    Scenarios.Vector(size, dimensions, clustered: true);
}
Console.WriteLine();
Console.WriteLine("lexical   rows  build ms  index MB  est MB  BM25 p50/p99/cpu ms  hits/query");
foreach (var size in sizes)
{
    Scenarios.Lexical(size, dimensions);
}
Console.WriteLine();
Scenarios.Resident(sizes.Max(), dimensions);
