using System.Text;
using Engram.Cli;
using Engram.Client;

namespace Engram.Tests;

/// Graph memory (§10's counts, §12): facts and entities learnt at ingestion, removed with their
/// samples. Written to hold for any reasonable extractor: a fact mentioning Paris, not an exact sentence.
public abstract class GraphTests(EngramServer server)
{
    internal const string Travel = """
        Marie Curie moved to Paris in 1891 to study physics at the Sorbonne.
        In Paris she met Pierre Curie, who worked on magnetism.
        Pierre Curie and Marie Curie won the Nobel Prize in Physics in 1903.
        """;
    internal const string Pets = """
        Dogs are welcome on every train if they stay on a leash. Cats must travel in a closed basket.
        Guide dogs always travel free of charge.
        """;

    [Fact]
    public async Task A_graph_memory_learns_facts_and_entities_and_loses_them_with_the_file()
    {
        var api = await server.NewAccountAsync();
        var (memory, files) = await GraphMemoryAsync(api, ("curie.txt", Travel), ("pets.txt", Pets));
        var stored = (await api.GetAsync($"/memories/get/{memory}")).Data;
        var facts = stored.GetProperty("factCount").GetInt64();
        Assert.True(facts >= 3, $"{facts} facts");
        Assert.True(stored.GetProperty("entityCount").GetInt64() >= 2);

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={files[0]}")).Status);
        var after = (await api.GetAsync($"/memories/get/{memory}")).Data;
        Assert.InRange(after.GetProperty("factCount").GetInt64(), 1, facts - 1);
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/files/delete/{files[1]}")).Status);
        after = (await api.GetAsync($"/memories/get/{memory}")).Data;
        Assert.Equal(0, after.GetProperty("factCount").GetInt64());
        Assert.Equal(0, after.GetProperty("entityCount").GetInt64());
    }

    [Fact]
    public async Task A_vector_memory_learns_facts_only_with_factExtraction()
    {
        var api = await server.NewAccountAsync();
        var file = (await api.UploadFileAsync("curie.txt", Encoding.UTF8.GetBytes(Travel))).GetProperty("id").GetString()!;
        foreach (var extract in (bool[])[false, true])
        {
            var memory = (await api.CreateMemoryAsync(new { name = "v", memoryType = "vector", factExtraction = extract })).GetProperty("id").GetString()!;
            await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }));
            await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
            Assert.Equal("success", await api.WaitForIngestionAsync(memory));
            var stored = (await api.GetAsync($"/memories/get/{memory}")).Data;
            Assert.Equal(extract, stored.GetProperty("factCount").GetInt64() > 0);
            Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/memories/delete/{memory}")).Status);
        }
    }

    [Fact]
    public async Task The_payload_renders_the_entities_and_dated_facts_and_sources_point_at_the_file()
    {
        var api = await server.NewAccountAsync();
        var (memory, files) = await GraphMemoryAsync(api, ("curie.txt", Travel), ("pets.txt", Pets));
        var answer = await api.QueryAsync(memory, "Where did Marie Curie move to?", topK: 3);
        Assert.Equal(["payload", "facts", "sources", "token_count"], Shapes.Names(answer));
        var payload = answer.GetProperty("payload");
        Assert.Equal(1, payload.GetArrayLength());
        var content = payload[0].GetProperty("content").GetString()!;
        Assert.Contains("Paris", content, StringComparison.Ordinal);
        Assert.Contains("Marie Curie", content, StringComparison.Ordinal);
        // The facts first, then the passages the chunk search found, in the turns' own words.
        Assert.True(content.IndexOf("Facts:\n- ", StringComparison.Ordinal) is >= 0 and var facts
            && content.IndexOf("\nPassages:\n- ", StringComparison.Ordinal) > facts, content);
        Assert.InRange(payload[0].GetProperty("score").GetDouble(), 0, 1);
        Assert.Equal(0, answer.GetProperty("facts").GetArrayLength());
        Assert.Equal(files[0], answer.GetProperty("sources")[0].GetProperty("id").GetString());
        Assert.True(answer.GetProperty("token_count").GetInt32() > 0);
        // top_k scales the budget: a bigger one never renders less.
        var wide = await api.QueryAsync(memory, "Where did Marie Curie move to?", topK: 20);
        Assert.True(wide.GetProperty("token_count").GetInt32() >= answer.GetProperty("token_count").GetInt32());
    }

    [Fact]
    public async Task Facts_and_assisted_come_from_stored_facts_and_nothing_relevant_answers_nothing()
    {
        var api = await server.NewAccountAsync();
        var (memory, _) = await GraphMemoryAsync(api, ("curie.txt", Travel), ("pets.txt", Pets));
        var answer = await api.QueryAsync(memory, "Which prize did Pierre Curie win?", extra: "&facts=true&assisted=true");
        var facts = answer.GetProperty("facts").EnumerateArray().Select(f => f.GetProperty("content").GetString()!).ToArray();
        Assert.InRange(facts.Length, 1, 3);
        Assert.Contains(facts, f => f.Contains("Nobel", StringComparison.Ordinal));
        var payload = answer.GetProperty("payload");
        Assert.Equal(1, payload.GetArrayLength());
        Assert.Contains("Nobel", payload[0].GetProperty("content").GetString(), StringComparison.Ordinal);

        var nothing = await api.QueryAsync(memory, "zebra giraffe", extra: "&facts=true&assisted=true");
        Assert.Equal(0, nothing.GetProperty("payload").GetArrayLength());
        Assert.Equal(0, nothing.GetProperty("facts").GetArrayLength());
        Assert.Equal(0, nothing.GetProperty("token_count").GetInt32());
    }

    [Fact]
    public async Task A_vector_memory_with_factExtraction_answers_facts_from_stored_facts()
    {
        var api = await server.NewAccountAsync();
        var file = (await api.UploadFileAsync("curie.txt", Encoding.UTF8.GetBytes(Travel))).GetProperty("id").GetString()!;
        var memory = (await api.CreateMemoryAsync(new { name = "v", memoryType = "vector", factExtraction = true })).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }));
        await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        var answer = await api.QueryAsync(memory, "Where did Marie Curie move to?", topK: 2, extra: "&facts=true");
        Assert.InRange(answer.GetProperty("payload").GetArrayLength(), 1, 2);
        Assert.Contains(answer.GetProperty("facts").EnumerateArray(), f => f.GetProperty("content").GetString()!.Contains("Paris", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conversation_facts_carry_the_speaker_and_the_date_and_go_with_their_message()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync(new { name = "calls", memoryType = "graph", ontology = "culture" })).GetProperty("id").GetString()!;
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        var moved = await api.CreateMessageAsync(session, "Caroline: I moved to Lisbon with my sister Ana.", extra: new { createdAt = "2023-05-08T10:00:00.000Z" });
        await api.CreateMessageAsync(session, "Melanie: That sounds lovely, I painted a sunrise last week.", role: "assistant",
            extra: new { createdAt = "2023-05-08T10:01:00.000Z" });
        await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session } }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));

        var answer = await api.QueryAsync(memory, "Where did Caroline move?", extra: "&facts=true");
        var fact = answer.GetProperty("facts")[0].GetProperty("content").GetString()!;
        Assert.Contains("Lisbon", fact, StringComparison.Ordinal);
        Assert.Contains("2023", fact, StringComparison.Ordinal);
        var source = answer.GetProperty("sources")[0];
        Assert.Equal(moved.GetProperty("id").GetString(), source.GetProperty("id").GetString());
        Assert.Equal("message", source.GetProperty("type").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/messages/delete/{moved.GetProperty("id").GetString()}")).Status);
        var after = await api.QueryAsync(memory, "Where did Caroline move?", extra: "&facts=true");
        Assert.DoesNotContain("Lisbon", after.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entities_and_facts_are_listed_paged_and_filtered_through_http_the_client_and_the_cli()
    {
        var api = await server.NewAccountAsync();
        var (memory, files) = await GraphMemoryAsync(api, ("curie.txt", Travel));
        var entityIds = await Walker.WalkForwardAndBackAsync(api, "/memories/entities", "entities", () => 2, query: $"memoryID={memory}");
        var entities = (await api.GetAsync($"/memories/entities?memoryID={memory}&limit=100")).Data.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(entityIds, entities.Select(e => e.GetProperty("id").GetString()));
        Assert.True(entities.Count >= 2);
        Assert.Equal(["id", "memoryID", "name", "type", "aliases", "factCount", "createdAt", "updatedAt"], Shapes.Names(entities[0]));
        Assert.All(entities, e => Assert.Contains(e.GetProperty("type").GetString(), (string[])["person", "place", "organization", "product", "date", "title", "other"]));
        var paris = entities.Single(e => e.GetProperty("name").GetString() == "Paris");
        Assert.True(paris.GetProperty("factCount").GetInt64() >= 1);

        var factIds = await Walker.WalkForwardAndBackAsync(api, "/memories/facts", "facts", () => 1, query: $"memoryID={memory}");
        Assert.Equal((await api.GetAsync($"/memories/get/{memory}")).Data.GetProperty("factCount").GetInt64(), factIds.Length);
        var facts = (await api.GetAsync($"/memories/facts?memoryID={memory}&limit=100")).Data.GetProperty("facts").EnumerateArray().ToList();
        Assert.Equal(["id", "memoryID", "content", "entities", "relation", "validAt", "sampleID", "sourceID", "createdAt"], Shapes.Names(facts[0]));
        Assert.All(facts, f => Assert.Equal(files[0], f.GetProperty("sourceID").GetString()));
        foreach (var entity in new[] { "Paris", paris.GetProperty("id").GetString()! })
        {
            var ofParis = (await api.GetAsync($"/memories/facts?memoryID={memory}&entity={Uri.EscapeDataString(entity)}")).Data.GetProperty("facts");
            Assert.Equal(paris.GetProperty("factCount").GetInt64(), ofParis.GetArrayLength());
            Assert.All(ofParis.EnumerateArray(), f => Assert.Contains("Paris", f.GetProperty("entities").EnumerateArray().Select(n => n.GetString())));
        }
        Assert.Equal(0, (await api.GetAsync($"/memories/facts?memoryID={memory}&entity=Atlantis")).Data.GetProperty("count").GetInt32());
        (await api.GetAsync("/memories/facts?memoryID=nope")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.GetAsync("/memories/entities?memoryID=nope")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.GetAsync("/memories/entities")).AssertBadRequest("memoryID is required");
        (await api.GetAsync($"/memories/facts?memoryID={memory}&limit=0")).AssertBadRequest("Limit must be between 1 and 100");
        var first = (await api.GetAsync($"/memories/facts?memoryID={memory}&limit=1")).Data.GetProperty("nextToken").GetString();
        (await api.GetAsync($"/memories/facts?memoryID={memory}&entity=Paris&nextToken={first}")).AssertBadRequest("Invalid nextToken");

        var client = new EngramClient(new HttpClient(), new EngramClientOptions { BaseAddress = server.BaseAddress, ApiKey = api.Key! });
        var listed = await client.Memories.ListAllEntitiesAsync(new ListEntitiesRequest { MemoryId = memory, Limit = 1 }).ToListAsync();
        Assert.Equal(entities.Select(e => e.GetProperty("id").GetString()), listed.Select(e => e.Id));
        var ofEntity = await client.Memories.FactsAsync(new ListFactsRequest { MemoryId = memory, Entity = "Paris" });
        Assert.All(ofEntity.Facts, f => Assert.Contains("Paris", f.Entities));

        var output = new StringWriter();
        Assert.Equal(0, await MemoryCommand.RunAsync(["memories", "facts", memory, "--entity", "Paris", "--url", server.BaseAddress.ToString(),
            "--key", api.Key!], output, new StringWriter()));
        Assert.Contains("Paris", output.ToString(), StringComparison.Ordinal);
        output = new StringWriter();
        Assert.Equal(0, await MemoryCommand.RunAsync(["memories", "entities", memory, "--all", "--url", server.BaseAddress.ToString(),
            "--key", api.Key!], output, new StringWriter()));
        Assert.Contains("Marie Curie", output.ToString(), StringComparison.Ordinal);
    }

    /// A graph memory (ontology culture) holding the given text files, ingested.
    public static async Task<(string Memory, string[] Files)> GraphMemoryAsync(Api api, params (string Name, string Text)[] files)
    {
        var memory = (await api.CreateMemoryAsync(new { name = "graph", memoryType = "graph", ontology = "culture" })).GetProperty("id").GetString()!;
        var ids = new List<string>();
        foreach (var (name, text) in files)
        {
            ids.Add((await api.UploadFileAsync(name, Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!);
        }
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = ids }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        return (memory, [.. ids]);
    }
}
