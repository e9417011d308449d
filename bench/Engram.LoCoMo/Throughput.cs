using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engram.LoCoMo;

/// POST /messages/create throughput into a session no memory follows, and into one a memory follows
/// live (its messages embedded as they come), in alternating rounds so that both see the same machine.
/// A round alone starts only once the memory has ingested everything it was given, so that it
/// measures creates with no live ingestion running, which is what the ratio compares against.
public static class Throughput
{
    private static readonly string[] Followed = ["followed"];

    public static async Task RunAsync(HttpClient http, int clients, int messages, int rounds, bool ingests, bool queries)
    {
        string memoryId;
        using (var memory = await http.PostAsJsonAsync("/memories/create", new { name = "live", memoryType = "vector" }))
        {
            memoryId = (await memory.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!;
            await CreateAsync(http, "followed");
            (await http.PostAsJsonAsync("/memories/add-sessions", new { memoryID = memoryId, sessions = Followed })).Dispose();
        }
        await CreateAsync(http, "alone");
        // One uncounted round each first, so that neither side pays for the JIT's first compilations.
        await RateAsync(http, "alone", clients, Math.Min(messages, 500));
        await RateAsync(http, "followed", clients, Math.Min(messages, 500));
        if (ingests)
        {
            await SettleAsync(http, memoryId);
        }
        double alone = 0, followed = 0;
        var drain = TimeSpan.Zero;
        var latencies = new List<double>();
        // The server runs in this process, so its collections are counted here: what each side's rounds paid in GC pauses.
        TimeSpan alonePauses = TimeSpan.Zero, followedPauses = TimeSpan.Zero;
        int aloneGen2 = 0, followedGen2 = 0;
        for (var round = 0; round < rounds; round++)
        {
            var (pause, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            alone += await RateAsync(http, "alone", clients, messages);
            (alonePauses, aloneGen2) = (alonePauses + GC.GetTotalPauseDuration() - pause, aloneGen2 + GC.CollectionCount(2) - gen2);
            (pause, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            using var stop = new CancellationTokenSource();
            var asking = queries ? AskAsync(http, memoryId, latencies, stop.Token) : Task.CompletedTask;
            followed += await RateAsync(http, "followed", clients, messages);
            await stop.CancelAsync();
            await asking;
            (followedPauses, followedGen2) = (followedPauses + GC.GetTotalPauseDuration() - pause, followedGen2 + GC.CollectionCount(2) - gen2);
            drain += ingests ? await SettleAsync(http, memoryId) : TimeSpan.Zero;
        }
        if (latencies.Count > 0)
        {
            latencies.Sort();
            Console.WriteLine($"GET /memory, one at a time during the followed rounds: {latencies.Count} queries, " +
                $"p50 {latencies[latencies.Count / 2]:F1} ms, p95 {latencies[latencies.Count * 95 / 100]:F1} ms, max {latencies[^1]:F1} ms");
        }
        Console.WriteLine($"GC during the rounds: alone {alonePauses.TotalMilliseconds:F0} ms paused, {aloneGen2} gen2; " +
            $"followed {followedPauses.TotalMilliseconds:F0} ms paused, {followedGen2} gen2");
        Console.WriteLine($"POST /messages/create, {clients} at once, {messages} a round, {rounds} rounds: {alone / rounds:F0}/s into a session alone, " +
            $"{followed / rounds:F0}/s into a session a memory follows live ({followed / alone:F2}x); the memory had every followed message " +
            $"{drain.TotalSeconds / rounds:F1} s after a round's last create, on average");
    }

    /// A caller asking the live memory while the creates run: what a query waits when it meets an ingestion batch.
    private static async Task AskAsync(HttpClient http, string memoryId, List<double> latencies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"/memory?memoryID={memoryId}&query=Which+table+did+I+book%3F&top_k=5", CancellationToken.None);
            response.EnsureSuccessStatusCode();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task CreateAsync(HttpClient http, string id) =>
        (await http.PostAsJsonAsync("/sessions/create", new { id })).Dispose();

    private static async Task<double> RateAsync(HttpClient http, string session, int clients, int messages)
    {
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= messages)
            {
                using var response = await http.PostAsJsonAsync("/messages/create", new
                {
                    sessionID = session, role = "user", content = $"Message {next}: I booked the table by the window for Friday at eight.",
                });
                response.EnsureSuccessStatusCode();
            }
        }));
        return messages / clock.Elapsed.TotalSeconds;
    }

    /// How long until the live memory holds a chunk for every followed message (the feed has found them all and they are ingested).
    private static async Task<TimeSpan> SettleAsync(HttpClient http, string memoryId)
    {
        var clock = Stopwatch.StartNew();
        var total = await CountAsync(http, "/messages/list?sessionID=followed&limit=1", "totalCount");
        while (await CountAsync(http, $"/memories/get/{memoryId}", "chunkCount") < total)
        {
            await Task.Delay(100);
        }
        return clock.Elapsed;
    }

    private static async Task<long> CountAsync(HttpClient http, string path, string name) =>
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("data").GetProperty(name).GetInt64();
}
