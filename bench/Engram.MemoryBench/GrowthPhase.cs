using System.Diagnostics;
using System.Globalization;

namespace Engram.MemoryBench;

/// How the cost grows with a memory's size: for each size a fresh server, a memory of that many
/// seeded chunks, its first query (the index load), GET /memory at one connection (p50/p99) and at
/// several (calls/s), each beside its floors, and the server's peak RSS. Then the rows as a table.
internal static class GrowthPhase
{
    public sealed record Row(int Chunks, string MemoryId, double SeedSeconds, double FirstQueryMs, long RssBeforeLoad, long PeakRss,
        double HealthP50, double EmbedP50, double EmbedP99, double P50, double P99, double CpuPerCall, double EmbedRate, double Rate);

    public static async Task<List<Row>> RunAsync(Scale scale, IngestionPhase.Result ingested)
    {
        // IndexWarmer loads the four most recently updated memories at start. With the warm-up and
        // ingestion memories, two small fillers make four newer than any measured memory moved back
        // in time below, so a size's server loads only small memories besides its own.
        var fillers = await scale.StartAsync("growth-fillers");
        await using (fillers)
        {
            var api = scale.Api(fillers);
            foreach (var filler in new[] { "filler-1", "filler-2" })
            {
                await scale.Bench.Database.SeedAsync(await api.CreateMemoryAsync(filler), ingested.FileIds,
                    ingested.Chunks.Take(10), scale.Bench.Embedder.Model, scale.Bench.Embedder.Dimensions);
            }
        }
        var rows = new List<Row>();
        foreach (var size in scale.GrowthSizes)
        {
            var server = await scale.StartAsync($"growth-{size}");
            await using (server)
            {
                rows.Add(await MeasureAsync(scale.On(server), size, ingested));
            }
            // Out of the next servers' start-up load, so each size's peak RSS is its own memory's, not the sizes before it.
            await scale.Bench.Database.SetUpdatedAtAsync(rows[^1].MemoryId, 1);
        }
        Console.WriteLine();
        Console.WriteLine("cost growth (fresh server per size; p50/p99 ms at 1 connection; calls/s at " + scale.Bench.Connections + " connections; RSS MB)");
        Console.WriteLine("  chunks   seed s  first query ms  healthz p50  embed p50/p99   GET /memory p50/p99  cpu ms/call  embed/s  GET /memory/s  RSS before load  peak RSS");
        foreach (var r in rows)
        {
            Console.WriteLine(Invariant($"  {r.Chunks,7:N0} {r.SeedSeconds,7:0.0} {r.FirstQueryMs,14:0} {r.HealthP50,12:0.00} {r.EmbedP50,7:0.00}/{r.EmbedP99,-7:0.00} {r.P50,10:0.00}/{r.P99,-9:0.00} {r.CpuPerCall,11:0.00} {r.EmbedRate,8:0.0} {r.Rate,14:0.0} {r.RssBeforeLoad,16} {r.PeakRss,9}"));
        }
        return rows;
    }

    private static async Task<Row> MeasureAsync(Bench bench, int size, IngestionPhase.Result ingested)
    {
        var memory = await bench.Api.CreateMemoryAsync($"growth-{size}");
        var started = Stopwatch.GetTimestamp();
        var chunks = SeededChunks.Make(size, ingested.Chunks, new Corpus(size), passageCharacters: 230, seed: size);
        await bench.Database.SeedAsync(memory, ingested.FileIds, chunks, bench.Embedder.Model, bench.Embedder.Dimensions);
        var seedSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var rssBeforeLoad = bench.Server.ResidentMegabytes();
        Console.WriteLine();
        Console.WriteLine(Invariant($"growth, {size:N0} chunks: fresh server pid {bench.Server.Id}, seeded in {seedSeconds:0.0} s; server RSS {rssBeforeLoad} MB; load average {Scale.LoadAverage()}"));

        started = Stopwatch.GetTimestamp();
        await bench.Api.QueryAsync(memory, bench.Queries[0]);
        var firstQuery = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await Measure.LatenciesAsync(20, i => bench.Api.QueryAsync(memory, bench.Queries[i % bench.Queries.Length])); // warm-up

        var count = bench.Queries.Length;
        var health = await Measure.LatenciesAsync(count, _ => bench.Api.HealthAsync());
        var embed = await Measure.LatenciesAsync(count, i => bench.Embedder.EmbedQueryAsync(bench.Queries[i], CancellationToken.None));
        var cpu = bench.Server.CpuTime;
        var retrieval = await Measure.LatenciesAsync(count, i => bench.Api.QueryAsync(memory, bench.Queries[i]));
        var cpuPerCall = (bench.Server.CpuTime - cpu).TotalMilliseconds / count;
        Console.WriteLine(Invariant($"  first query {firstQuery:0} ms; {count} queries at 1 connection, p50/p99 ms: healthz {P(health)}, embed in process {P(embed)}, GET /memory {P(retrieval)} (server cpu {cpuPerCall:0.00} ms/call)"));

        var embedRate = await RateAsync(bench, i => bench.Embedder.EmbedQueryAsync(bench.Queries[i % count], CancellationToken.None));
        var rate = await RateAsync(bench, i => bench.Api.QueryAsync(memory, bench.Queries[i % count]));
        var peak = bench.Server.PeakMegabytes();
        Console.WriteLine(Invariant($"  {bench.Connections} connections, {bench.RateDuration.TotalSeconds:0} s each: embed in process {embedRate:0.0}/s, GET /memory {rate:0.0}/s ({rate / embedRate:0.00}x); server peak RSS {peak} MB"));
        return new Row(size, memory, seedSeconds, firstQuery, rssBeforeLoad, peak, Measure.Percentile(health, 0.5),
            Measure.Percentile(embed, 0.5), Measure.Percentile(embed, 0.99), Measure.Percentile(retrieval, 0.5), Measure.Percentile(retrieval, 0.99),
            cpuPerCall, embedRate, rate);
    }

    private static async Task<double> RateAsync(Bench bench, Func<int, Task> call)
    {
        await Measure.RateAsync(bench.Connections, TimeSpan.FromSeconds(1), call); // warm-up
        return (await Measure.RateAsync(bench.Connections, bench.RateDuration, call)).PerSecond;
    }

    internal static string P(double[] sorted) => Invariant($"{Measure.Percentile(sorted, 0.5):0.00}/{Measure.Percentile(sorted, 0.99):0.00}");

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
