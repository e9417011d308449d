using System.Security.Cryptography;
using System.Text;

namespace Engram.Tests;

/// §10's ingestion and §12's GET /memory, end to end with the real embedding model.
public abstract class RetrievalTests(EngramServer server)
{
    private const string Travel = """
        Our refund policy: a booking can be cancelled up to 48 hours before the trip for a full refund.
        Later cancellations get a voucher for half the price, valid for one year.
        """;
    private const string Pets = """
        Dogs are welcome on every train if they stay on a leash. Cats must travel in a closed basket.
        Guide dogs always travel free of charge.
        """;
    private const string Food = """
        The dining car serves breakfast from 7 am and closes at 9 pm. Vegetarian and gluten-free meals are available on request.
        """;

    [Fact]
    public async Task The_best_chunk_comes_first_with_its_file_as_the_source()
    {
        var api = await server.NewAccountAsync();
        var (memory, files) = await api.IngestedMemoryAsync(("travel.txt", Travel), ("pets.md", Pets), ("food.txt", Food));
        var answer = await api.QueryAsync(memory, "Can I bring my dog on the train?", topK: 2);
        Assert.Equal(["payload", "facts", "sources", "token_count"], Shapes.Names(answer));
        var payload = answer.GetProperty("payload").EnumerateArray().ToArray();
        Assert.Equal(2, payload.Length);
        Assert.Contains("Dogs are welcome", payload[0].GetProperty("content").GetString());
        Assert.Equal(["content", "score"], Shapes.Names(payload[0]));
        var scores = payload.Select(p => p.GetProperty("score").GetDouble()).ToArray();
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(0, answer.GetProperty("facts").GetArrayLength());
        var source = answer.GetProperty("sources")[0];
        Assert.Equal(["id", "name", "url", "score", "type", "sessionID", "createdAt"], Shapes.Names(source));
        Assert.Equal(files[1], source.GetProperty("id").GetString());
        Assert.Equal("pets.md", source.GetProperty("name").GetString());
        Assert.EndsWith($"/files/get/{files[1]}", source.GetProperty("url").GetString());
        Assert.Equal("file", source.GetProperty("type").GetString());
        Assert.True(answer.GetProperty("token_count").GetInt32() > 0);

        var file = (await api.GetAsync($"/files/get/{files[1]}")).Data;
        Assert.Equal(Pets.Length, file.GetProperty("length").GetInt64());
        Assert.True(file.GetProperty("tokens").GetInt64() > 10);
        var stored = (await api.GetAsync($"/memories/get/{memory}")).Data;
        Assert.Equal("success", stored.GetProperty("status").GetString());
        Assert.True(stored.GetProperty("chunkCount").GetInt64() >= 3);
    }

    [Fact]
    public async Task Facts_and_assisted_answer_from_sentences_in_memory()
    {
        var api = await server.NewAccountAsync();
        var (memory, _) = await api.IngestedMemoryAsync(("travel.txt", Travel), ("pets.md", Pets));
        var answer = await api.QueryAsync(memory, "How late can I cancel for a full refund?", extra: "&facts=True&assisted=TRUE");
        var payload = answer.GetProperty("payload");
        Assert.Equal(1, payload.GetArrayLength());
        Assert.Contains("48 hours", payload[0].GetProperty("content").GetString());
        var facts = answer.GetProperty("facts").EnumerateArray().ToArray();
        Assert.InRange(facts.Length, 1, 3);
        Assert.All(facts, f => Assert.Equal(["content"], Shapes.Names(f)));
    }

    [Fact]
    public async Task A_graph_memory_answers_one_item_and_assisted_says_nothing_when_memory_has_nothing()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync(new { name = "g", memoryType = "graph", ontology = "essays" })).GetProperty("id").GetString()!;
        var file = (await api.UploadFileAsync("pets.txt", Encoding.UTF8.GetBytes(Pets + Food))).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }));
        await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        var answer = await api.QueryAsync(memory, "Can dogs travel on the train?", topK: 3);
        Assert.Equal(1, answer.GetProperty("payload").GetArrayLength());
        Assert.Contains("Dogs are welcome", answer.GetProperty("payload")[0].GetProperty("content").GetString());
        var nothing = await api.QueryAsync(memory, "zebra giraffe", extra: "&assisted=true&facts=true");
        Assert.Equal(0, nothing.GetProperty("payload").GetArrayLength());
        Assert.Equal(0, nothing.GetProperty("facts").GetArrayLength());
        Assert.Equal(0, nothing.GetProperty("token_count").GetInt32());
    }

    [Fact]
    public async Task Removed_content_is_gone_from_retrieval_at_once()
    {
        var api = await server.NewAccountAsync();
        var (memory, files) = await api.IngestedMemoryAsync(("travel.txt", Travel), ("pets.md", Pets), ("food.txt", Food));
        Assert.Contains(files[1], SourceIds(await api.QueryAsync(memory, "dogs on a leash", topK: 3)));
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={files[1]}")).Status);
        var after = await api.QueryAsync(memory, "dogs on a leash", topK: 3);
        Assert.DoesNotContain(files[1], SourceIds(after));
        Assert.DoesNotContain(after.GetProperty("payload").EnumerateArray(), p => p.GetProperty("content").GetString()!.Contains("leash"));
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/files/delete/{files[0]}")).Status);
        Assert.DoesNotContain(files[0], SourceIds(await api.QueryAsync(memory, "refund policy", topK: 3)));
        Assert.Equal([files[2]], SourceIds(await api.QueryAsync(memory, "anything at all", topK: 50)));
    }

    [Fact]
    public async Task An_empty_memory_answers_empty_lists_and_bad_queries_are_400()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var empty = await api.GetAsync($"/memory/?memoryID={memory}&query=hello");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("""{"payload":[],"facts":[],"sources":[],"token_count":0}""", empty.Raw);
        (await api.GetAsync("/memory?query=hello")).AssertBadRequest("memoryID is required");
        (await api.GetAsync($"/memory?memoryID={memory}")).AssertBadRequest("query is required");
        (await api.GetAsync($"/memory?memoryID={memory}&query=")).AssertBadRequest("query is required");
        (await api.GetAsync($"/memory?memoryID={memory}&query={new string('a', 2001)}")).AssertBadRequest("query must be at most 2000 characters");
        foreach (var topK in new[] { "0", "51", "-1", "abc", "1.5", "" })
        {
            (await api.GetAsync($"/memory?memoryID={memory}&query=hi&top_k={topK}")).AssertBadRequest("top_k must be between 1 and 50");
        }
        (await api.GetAsync("/memory?memoryID=nope&query=hi")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.GetAsync("/memory?memoryID=a%00b&query=hi")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.GetAsync($"/memory?memoryID={memory}&query=a%00b")).AssertBadRequest("query must be valid text without NUL characters");
        (await api.GetAsync("/memories/samples?memoryID=a%00b")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID=a%00b")).AssertError(HttpStatusCode.NotFound, "File not found", "not_found");
        var other = await server.NewAccountAsync();
        (await other.GetAsync($"/memory?memoryID={memory}&query=hi")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
    }

    [Fact]
    public async Task A_sample_that_cannot_be_read_fails_with_its_reason_and_the_others_go_on()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var good = (await api.UploadFileAsync("good.txt", Encoding.UTF8.GetBytes(Pets))).GetProperty("id").GetString()!;
        var audio = (await api.UploadFileAsync("call.mp3", [1, 2, 3])).GetProperty("id").GetString()!;
        var junk = (await api.UploadFileAsync("junk.txt", RandomNumberGenerator.GetBytes(4096))).GetProperty("id").GetString()!;
        var pdf = (await api.UploadFileAsync("broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 this is not a pdf"))).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { good, audio, junk, pdf } }));
        await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        var samples = (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("samples").EnumerateArray()
            .ToDictionary(s => s.GetProperty("fileID").GetString()!);
        Assert.Equal("success", samples[good].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, samples[good].GetProperty("error").ValueKind);
        Assert.Equal("failed", samples[audio].GetProperty("status").GetString());
        Assert.Equal("audio files are not supported", samples[audio].GetProperty("error").GetString());
        Assert.Equal("failed", samples[junk].GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(samples[junk].GetProperty("error").GetString()));
        Assert.Equal("failed", samples[pdf].GetProperty("status").GetString());

        // A later job whose every sample fails ends failed, whatever the memory's earlier ones did.
        var video = (await api.UploadFileAsync("clip.mp4", [1, 2, 3])).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { video } }));
        await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory)); // the memory still holds a good sample
        var jobStatus = await server.RawRowAsync(
            "SELECT status FROM jobs WHERE account_id = @account AND memory_id = @memory ORDER BY created_at DESC LIMIT 1",
            ("@account", api.Account), ("@memory", memory));
        Assert.Equal("failed", jobStatus[0]);
    }

    [Fact]
    public async Task Concurrent_start_ingestions_of_one_memory_queue_one_job_and_never_fail()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var file = (await api.UploadFileAsync("pets.txt", Encoding.UTF8.GetBytes(Pets))).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }));
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        Assert.Equal(1, (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_website_is_fetched_and_status_webhooks_arrive_signed_and_in_order()
    {
        var api = await server.NewAccountAsync();
        await using var site = await LocalSite.StartAsync();
        site.Page("/guide", """
            <html><head><title>Station guide</title></head><body><nav>Home | About</nav>
            <article><h1>Station guide</h1><p>The left luggage office is next to platform 4 and opens at six in the morning.</p>
            <p>Lockers take coins and cards and hold a suitcase for up to 24 hours.</p></article></body></html>
            """);
        site.Status("/hook", 200);
        var memory = (await api.CreateMemoryAsync(new { name = "web", memoryType = "vector", webhookUrl = site.Url("/hook") })).GetProperty("id").GetString()!;
        var file = await api.PostAsync("/files/create", Api.Json(new { name = "guide", externalURI = site.Url("/guide") }));
        var missing = await api.PostAsync("/files/create", Api.Json(new { name = "gone", externalURI = site.Url("/gone") }));
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory,
            files = new[] { file.Data.GetProperty("id").GetString(), missing.Data.GetProperty("id").GetString() } }));
        var started = await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        var answer = await api.QueryAsync(memory, "where can I leave my luggage?", topK: 1);
        Assert.Contains("platform 4", answer.GetProperty("payload")[0].GetProperty("content").GetString());
        Assert.Equal(site.Url("/guide"), answer.GetProperty("sources")[0].GetProperty("url").GetString());
        var samples = (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("samples");
        Assert.Equal("the page answered 404", samples[1].GetProperty("error").GetString());

        var hooks = await WaitForHooksAsync(site, "success");
        var secret = await Webhooks.WebhookSecrets.GetAsync(server.Store, api.Account, CancellationToken.None);
        foreach (var (_, body, signature) in hooks)
        {
            var parts = signature!.Split(',');
            var t = parts[0]["t=".Length..];
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
            Assert.Equal("v1=" + expected, parts[1]);
            using var json = JsonDocument.Parse(body);
            Assert.Equal(["event", "timestamp"], Shapes.Names(json.RootElement));
            var @event = json.RootElement.GetProperty("event");
            Assert.Equal(["memoryID", "batchID", "totalSamples", "processedSamples", "status", "message"], Shapes.Names(@event));
            Assert.Equal(memory, @event.GetProperty("memoryID").GetString());
            Shapes.AssertTimestamp(json.RootElement.GetProperty("timestamp"));
        }
        var statuses = hooks.Select(h => JsonDocument.Parse(h.Body).RootElement.GetProperty("event").GetProperty("status").GetString()).ToArray();
        Assert.Equal("pending", statuses[0]);
        Assert.Equal("success", statuses[^1]);
        Assert.Contains("processing", statuses);
        Assert.Equal(statuses.Length - 1, Array.IndexOf(statuses, "success"));
    }

    private static async Task<List<(string Path, string Body, string? Signature)>> WaitForHooksAsync(LocalSite site, string finalStatus)
    {
        for (var i = 0; i < 600; i++)
        {
            var hooks = site.Received.Where(r => r.Path == "/hook").ToList();
            if (hooks.Any(h => h.Body.Contains($"\"status\":\"{finalStatus}\"")))
            {
                return hooks;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("no final webhook arrived");
    }

    private static string[] SourceIds(JsonElement answer) =>
        answer.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
}
