using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engram.LoCoMo;

/// One question's outcome: the evidence among the first 5 and 10 sources, the request's wall time, its token_count,
/// and the sources' ids (two runs' lists, compared, show where they differ).
public sealed record Scored(int Category, double RecallAt5, double RecallAt10, bool HitAt10, double Milliseconds, int Tokens,
    IReadOnlyList<string> Sources, double FloorMilliseconds);

/// The import and the questions, through the public HTTP API exactly as ../shared/locomo/README.md says.
public sealed class LoCoMoApi(HttpClient http, string memoryType = "vector")
{
    /// One customer per conversation, one session per LoCoMo session, one message per turn with its time as
    /// createdAt (role user for speaker_a, assistant for speaker_b, id "<prefix>-<dia_id>"), then the customer's
    /// sessions into one memory with add-sessions, and a wait for ingestion. Answers the memory's id.
    public async Task<string> ImportAsync(Conversation conversation)
    {
        var customer = conversation.Name;
        foreach (var (number, turns) in conversation.Sessions)
        {
            var session = $"{conversation.Name}-s{number}";
            await PostAsync("/sessions/create", new { id = session, customerUserID = customer });
            foreach (var turn in turns)
            {
                await PostAsync("/messages/create", new
                {
                    id = $"{conversation.Name}-{turn.DiaId}",
                    sessionID = session,
                    role = turn.Speaker == conversation.SpeakerA ? "user" : "assistant",
                    content = turn.Text,
                    createdAt = turn.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
        var memory = (await PostAsync("/memories/create", memoryType == "graph"
                ? new { name = conversation.Name, memoryType, ontology = "culture" }
                : (object)new { name = conversation.Name, memoryType }))
            .GetProperty("data").GetProperty("id").GetString()!;
        await PostAsync("/memories/add-sessions", new { memoryID = memory, customerUserID = customer });
        while (true)
        {
            var data = (await http.GetFromJsonAsync<JsonElement>($"/memories/get/{memory}")).GetProperty("data");
            var status = data.GetProperty("status").GetString();
            if (status is "success" or "failed")
            {
                // A turn whose sample failed has no chunk, and its questions lose recall: say so rather than hide it.
                var chunks = data.GetProperty("chunkCount").GetInt64();
                var turns = conversation.Sessions.Sum(s => s.Turns.Count);
                if (chunks != turns)
                {
                    Console.WriteLine($"  {conversation.Name}: {chunks} chunks for {turns} turns");
                }
                return status == "success" ? memory : throw new InvalidOperationException($"ingestion of {conversation.Name} failed");
            }
            await Task.Delay(200);
        }
    }

    /// GET /memory?top_k=10; recall@k is the share of the evidence turns among the first k sources.
    /// Each question is preceded by a GET /healthz, timed too: the floor its latency is read against.
    public async Task<Scored> AskAsync(string memory, string prefix, Question question)
    {
        var clock = Stopwatch.StartNew();
        using (await http.GetAsync("/healthz"))
        {
        }
        var floor = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var answer = await http.GetFromJsonAsync<JsonElement>(
            $"/memory?memoryID={Uri.EscapeDataString(memory)}&query={Uri.EscapeDataString(question.Text)}&top_k=10");
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        var ids = answer.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        var evidence = question.Evidence.Select(e => $"{prefix}-{e}").ToHashSet();
        double Recall(int k) => (double)ids.Take(k).Count(evidence.Contains) / evidence.Count;
        return new Scored(question.Category, Recall(5), Recall(10), ids.Take(10).Any(evidence.Contains), milliseconds,
            answer.GetProperty("token_count").GetInt32(), ids, floor);
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
