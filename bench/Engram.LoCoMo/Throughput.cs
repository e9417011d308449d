using System.Diagnostics;
using System.Net.Http.Json;

namespace Engram.LoCoMo;

/// POST /messages/create throughput into a session no memory follows, and into one a memory follows
/// live (its messages embedded as they come), in alternating rounds so that both see the same machine.
public static class Throughput
{
    private const int Messages = 1000;
    private const int Concurrency = 8;
    private static readonly string[] Followed = ["followed"];

    public static async Task RunAsync(HttpClient http)
    {
        using (var memory = await http.PostAsJsonAsync("/memories/create", new { name = "live", memoryType = "vector" }))
        {
            var memoryId = (await memory.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data").GetProperty("id").GetString();
            await CreateAsync(http, "followed");
            (await http.PostAsJsonAsync("/memories/add-sessions", new { memoryID = memoryId, sessions = Followed })).Dispose();
        }
        await CreateAsync(http, "alone");
        double alone = 0, followed = 0;
        for (var round = 0; round < 2; round++)
        {
            alone += await RateAsync(http, "alone");
            followed += await RateAsync(http, "followed");
        }
        Console.WriteLine($"POST /messages/create, {Concurrency} at once: {alone / 2:F0}/s into a session alone, " +
            $"{followed / 2:F0}/s into a session a memory follows live ({followed / alone:F2}x)");
    }

    private static async Task CreateAsync(HttpClient http, string id) =>
        (await http.PostAsJsonAsync("/sessions/create", new { id })).Dispose();

    private static async Task<double> RateAsync(HttpClient http, string session)
    {
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= Messages)
            {
                using var response = await http.PostAsJsonAsync("/messages/create", new
                {
                    sessionID = session, role = "user", content = $"Message {next}: I booked the table by the window for Friday at eight.",
                });
                response.EnsureSuccessStatusCode();
            }
        }));
        return Messages / clock.Elapsed.TotalSeconds;
    }
}
