using System.Diagnostics;
using System.Globalization;

namespace Engram.MemoryBench;

/// GET /memory on a memory of a given size, beside its floors from the same minute: the bare
/// endpoint (GET /healthz), the query's embedding alone in this process, and GET /memory ranked
/// by words alone (everything but the embedding and the vector search).
internal static class RetrievalPhase
{
    public static async Task RunAsync(Bench bench, int chunkCount, IngestionPhase.Result ingested, bool withRates)
    {
        var memory = await bench.Api.CreateMemoryAsync($"retrieval-{chunkCount}");
        var started = Stopwatch.GetTimestamp();
        var chunks = SeededChunks.Make(chunkCount, ingested.Chunks, new Corpus(chunkCount), passageCharacters: 230, seed: chunkCount);
        await bench.Database.SeedAsync(memory, ingested.FileIds, chunks, bench.Embedder.Model, bench.Embedder.Dimensions);
        Console.WriteLine();
        Console.WriteLine(Invariant($"retrieval on {chunkCount:N0} chunks (seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s from {ingested.Chunks.Count:N0} real vectors + noise)"));

        started = Stopwatch.GetTimestamp();
        await bench.Api.QueryAsync(memory, bench.Queries[0]);
        Console.WriteLine(Invariant($"  first query (loads the index) {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms; server peak RSS so far {bench.Server.PeakMegabytes()} MB"));
        await Measure.LatenciesAsync(50, i => bench.Api.QueryAsync(memory, bench.Queries[i % bench.Queries.Length])); // warm-up

        var count = bench.Queries.Length;
        Console.WriteLine(Invariant($"  one connection, {count} queries      p50 ms   p99 ms   cpu ms/call"));
        // The floors at one connection are cheap, so every size gets them: they split the time.
        await LatencyRowAsync("GET /healthz (floor)", count, bench.Server.CpuTime, () => bench.Server.CpuTime, _ => bench.Api.HealthAsync());
        await LatencyRowAsync("embed query, in process", count, OwnCpu(), OwnCpu,
            i => bench.Embedder.EmbedQueryAsync(bench.Queries[i], CancellationToken.None));
        await bench.Database.SetModelAsync(memory, "bench-words-only");
        await LatencyRowAsync("GET /memory, words only", count, bench.Server.CpuTime, () => bench.Server.CpuTime,
            i => bench.Api.QueryAsync(memory, bench.Queries[i]));
        await bench.Database.SetModelAsync(memory, bench.Embedder.Model);
        await LatencyRowAsync("GET /memory", count, bench.Server.CpuTime, () => bench.Server.CpuTime, i => bench.Api.QueryAsync(memory, bench.Queries[i]));
        var above = await Measure.PairedDifferencesAsync(count, i => bench.Embedder.EmbedQueryAsync(bench.Queries[i], CancellationToken.None),
            i => bench.Api.QueryAsync(memory, bench.Queries[i]));
        Console.WriteLine(Invariant($"  GET /memory above its embedding, each query timed right after its embedding: p50 {Measure.Percentile(above, 0.5):0.00} ms"));
        Console.WriteLine(Invariant($"  server peak RSS so far {bench.Server.PeakMegabytes()} MB"));
        if (!withRates)
        {
            return;
        }

        Console.WriteLine(Invariant($"  {bench.Connections} connections, {bench.RateDuration.TotalSeconds:0} s each         calls/s"));
        var health = await RateRowAsync(bench, "GET /healthz (floor)", _ => bench.Api.HealthAsync());
        var embed = await RateRowAsync(bench, "embed query, in process", i => bench.Embedder.EmbedQueryAsync(bench.Queries[i % count], CancellationToken.None));
        var retrieval = await RateRowAsync(bench, "GET /memory", i => bench.Api.QueryAsync(memory, bench.Queries[i % count]));
        Console.WriteLine(Invariant($"  GET /memory / embedding alone {retrieval / embed:0.00}x (goal >= 0.6x); / healthz {retrieval / health:0.000}x"));
    }

    internal static async Task LatencyRowAsync(string name, int count, TimeSpan cpuBefore, Func<TimeSpan> cpu, Func<int, Task> call)
    {
        var milliseconds = await Measure.LatenciesAsync(count, call);
        var cpuPerCall = (cpu() - cpuBefore).TotalMilliseconds / count;
        Console.WriteLine(Invariant($"  {name,-32} {Measure.Percentile(milliseconds, 0.5),7:0.00}  {Measure.Percentile(milliseconds, 0.99),7:0.00}  {cpuPerCall,7:0.00}"));
    }

    private static async Task<double> RateRowAsync(Bench bench, string name, Func<int, Task> call)
    {
        await Measure.RateAsync(bench.Connections, TimeSpan.FromSeconds(1), call); // warm-up
        var (perSecond, calls) = await Measure.RateAsync(bench.Connections, bench.RateDuration, call);
        Console.WriteLine(Invariant($"  {name,-32} {perSecond,9:0.0}  ({calls:N0} calls)"));
        return perSecond;
    }

    internal static TimeSpan OwnCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
