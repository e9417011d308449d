using System.Diagnostics;
using System.Globalization;

namespace Engram.MemoryBench;

/// GET /memory on a graph memory of N facts (issue #16: p50 <= 20 ms at 10,000 facts), beside
/// the floors of the same minute: GET /healthz and the query's embedding alone in this process.
internal static class GraphPhase
{
    public static async Task RunAsync(Bench bench, int factCount, IngestionPhase.Result ingested)
    {
        var memory = await bench.Api.CreateMemoryAsync($"graph-{factCount}", "graph");
        var started = Stopwatch.GetTimestamp();
        var entities = SeededFacts.EntityNames(Math.Max(1, factCount / 10));
        var facts = await SeededFacts.MakeAsync(factCount, entities, new Corpus(factCount + 1), bench.Embedder, seed: factCount);
        var embedded = Stopwatch.GetElapsedTime(started);
        // The passages the facts came from: about four facts' sentences per chunk, as the extractor
        // makes about one fact per sentence.
        var chunkCount = Math.Max(1, factCount / 4);
        var chunks = SeededChunks.Make(chunkCount, ingested.Chunks, new Corpus(factCount + 2), passageCharacters: 460, seed: factCount);
        await bench.Database.SeedAsync(memory, ingested.FileIds, chunks, bench.Embedder.Model, bench.Embedder.Dimensions);
        await bench.Database.SeedFactsAsync(memory, entities, facts, bench.Embedder.Model, bench.Embedder.Dimensions);
        Console.WriteLine();
        Console.WriteLine(Invariant($"graph retrieval on {factCount:N0} facts over {entities.Length:N0} entities, with {chunkCount:N0} chunks (facts embedded by the real model in {embedded.TotalSeconds:0.0} s, all seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));

        started = Stopwatch.GetTimestamp();
        var first = await bench.Api.QueryTextAsync(memory, bench.Queries[0]);
        Console.WriteLine(Invariant($"  first query (loads the indexes) {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms; server peak RSS so far {bench.Server.PeakMegabytes()} MB"));
        Console.WriteLine($"  its answer, first 300 characters: {first[..Math.Min(300, first.Length)]}");
        // The check that the rendering carries facts, not only passages: seeded sentences found verbatim.
        Console.WriteLine(Invariant($"  seeded facts quoted verbatim in that answer: {facts.Count(f => first.Contains(f.Content, StringComparison.Ordinal))}"));
        await Measure.LatenciesAsync(50, i => bench.Api.QueryAsync(memory, bench.Queries[i % bench.Queries.Length])); // warm-up

        var count = bench.Queries.Length;
        Console.WriteLine(Invariant($"  one connection, {count} queries      p50 ms   p99 ms   cpu ms/call"));
        await RetrievalPhase.LatencyRowAsync("GET /healthz (floor)", count, bench.Server.CpuTime, () => bench.Server.CpuTime, _ => bench.Api.HealthAsync());
        await RetrievalPhase.LatencyRowAsync("embed query, in process", count, RetrievalPhase.OwnCpu(), RetrievalPhase.OwnCpu,
            i => bench.Embedder.EmbedQueryAsync(bench.Queries[i], CancellationToken.None));
        await RetrievalPhase.LatencyRowAsync("GET /memory, graph", count, bench.Server.CpuTime, () => bench.Server.CpuTime,
            i => bench.Api.QueryAsync(memory, bench.Queries[i]));
        Console.WriteLine(Invariant($"  (goal: p50 <= 20 ms on 10,000 facts) server RSS now {bench.Server.ResidentMegabytes()} MB, peak {bench.Server.PeakMegabytes()} MB (VmHWM)"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
