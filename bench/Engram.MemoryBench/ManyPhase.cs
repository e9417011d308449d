using System.Diagnostics;
using static Engram.MemoryBench.GrowthPhase;

namespace Engram.MemoryBench;

/// Many small memories on one server: each seeded with 1,000 chunks, the first query on each (its
/// index load), then queries spread over all of them, memory i % N for query i, at one connection
/// and at several (p50/p99), beside the floors, and the server's RSS with every index loaded.
internal static class ManyPhase
{
    public static async Task<List<string>> RunAsync(Scale scale, IngestionPhase.Result ingested)
    {
        var server = await scale.StartAsync("many");
        await using var _ = server;
        var bench = scale.On(server);
        var memories = new List<string>();
        var started = Stopwatch.GetTimestamp();
        for (var m = 0; m < scale.ManyMemories; m++)
        {
            var memory = await bench.Api.CreateMemoryAsync($"many-{m:000}");
            var chunks = SeededChunks.Make(Scale.ManyChunks, ingested.Chunks, new Corpus(1_000 + m), passageCharacters: 230, seed: 1_000 + m);
            await bench.Database.SeedAsync(memory, ingested.FileIds, chunks, bench.Embedder.Model, bench.Embedder.Dimensions);
            memories.Add(memory);
        }
        Console.WriteLine();
        Console.WriteLine(Invariant($"{memories.Count} memories x {Scale.ManyChunks:N0} chunks: server pid {server.Id}, seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; server RSS {server.ResidentMegabytes()} MB; load average {Scale.LoadAverage()}"));

        var first = await Measure.LatenciesAsync(memories.Count, i => bench.Api.QueryAsync(memories[i], bench.Queries[i % bench.Queries.Length]));
        Console.WriteLine(Invariant($"  first query on each (loads its index), p50/p99/max ms: {P(first)}/{first[^1]:0.00}, {first.Sum() / 1000:0.0} s in all; server RSS {server.ResidentMegabytes()} MB"));
        await Measure.LatenciesAsync(50, i => bench.Api.QueryAsync(memories[i % memories.Count], bench.Queries[i % bench.Queries.Length])); // warm-up

        var count = bench.Queries.Length;
        Task Query(int i) => bench.Api.QueryAsync(memories[i % memories.Count], bench.Queries[i % count]);
        Task Embed(int i) => bench.Embedder.EmbedQueryAsync(bench.Queries[i % count], CancellationToken.None);
        var health = await Measure.LatenciesAsync(count, _ => bench.Api.HealthAsync());
        var embed = await Measure.LatenciesAsync(count, Embed);
        var retrieval = await Measure.LatenciesAsync(count, Query);
        Console.WriteLine(Invariant($"  1 connection, {count} queries, p50/p99 ms: healthz {P(health)}, embed in process {P(embed)}, GET /memory {P(retrieval)}"));

        // Several connections: twice as many calls, so each connection makes a fair number.
        var many = count * 2;
        var (health8, healthRate) = await Measure.ConcurrentLatenciesAsync(bench.Connections, many, _ => bench.Api.HealthAsync());
        var (embed8, embedRate) = await Measure.ConcurrentLatenciesAsync(bench.Connections, many, Embed);
        var (retrieval8, rate) = await Measure.ConcurrentLatenciesAsync(bench.Connections, many, Query);
        Console.WriteLine(Invariant($"  {bench.Connections} connections, {many} calls, p50/p99 ms (calls/s): healthz {P(health8)} ({healthRate:0}), embed in process {P(embed8)} ({embedRate:0.0}), GET /memory {P(retrieval8)} ({rate:0.0})"));
        Console.WriteLine(Invariant($"  server RSS {server.ResidentMegabytes()} MB, peak {server.PeakMegabytes()} MB, with all {memories.Count} indexes loaded"));
        return memories;
    }
}
