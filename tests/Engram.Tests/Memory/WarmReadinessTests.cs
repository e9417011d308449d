using Engram.Storage;

namespace Engram.Tests;

/// `GET /readyz?warm=true`: after a restart, 503 "Warming up" until the embedding model is loaded
/// (when the database holds a memory) and the recent memories' indexes are; then what plain
/// `/readyz` answers, which stays 200 as soon as storage answers (contract §6).
public abstract class WarmReadinessTests(EngramServer server)
{
    private const string Ok = """{"status":"ok"}""";
    private const string Warming = """{"error":"Warming up","status":"unavailable"}""";

    private Task<ScratchDatabase> NewDatabaseAsync() =>
        StoreFactory.IsPostgres(server.DatabaseOrSkip) ? ScratchDatabase.PostgresAsync() : Task.FromResult(ScratchDatabase.Sqlite());

    /// Polls `/readyz?warm=true` until 200; each answer before it must be the warming-up one. The
    /// bound only keeps a broken run from hanging.
    private static async Task AssertWarmsAsync(Api api)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var warm = await api.GetAsync("/readyz?warm=true");
            if (warm.Status == HttpStatusCode.OK)
            {
                Assert.Equal(Ok, warm.Raw);
                return;
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, warm.Status);
            Assert.Equal(Warming, warm.Raw);
            await Task.Delay(50);
        }
        Assert.Fail("/readyz?warm=true never answered 200");
    }

    /// Makes a memory through a node that then stops, so the next node starts with it on disk.
    private static async Task<string> OnAnEarlierNodeAsync(ScratchDatabase database, Func<Api, Task<string>> makeMemory)
    {
        await using var first = await EngramProcess.StartAsync(database.Connection, database.Directory);
        return await makeMemory(first.Api);
    }

    [Fact]
    public async Task After_a_restart_with_memories_warm_readiness_comes_and_a_query_right_after_answers()
    {
        _ = server.DatabaseOrSkip;
        await using var database = await NewDatabaseAsync();
        var memory = await OnAnEarlierNodeAsync(database, async api =>
            (await api.IngestedMemoryAsync(("pets.txt", "Dogs are welcome on every train if they stay on a leash."),
                ("food.txt", "The dining car serves breakfast from 7 am and closes at 9 pm."))).Memory);
        await using var node = await EngramProcess.StartAsync(database.Connection, database.Directory);
        // Plain readiness is unchanged: 200 as soon as storage answers (StartAsync waited for it).
        var plain = await node.Api.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.Equal(Ok, plain.Raw);
        await AssertWarmsAsync(node.Api);
        using var head = await new HttpClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(node.Address, "/readyz?warm=TRUE")));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var answer = await node.Api.QueryAsync(memory, "Can I bring my dog?", topK: 1);
        Assert.Contains("Dogs are welcome", answer.GetProperty("payload")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_graph_memory_is_warmed_with_its_facts_so_its_first_query_after_a_restart_loads_nothing()
    {
        _ = server.DatabaseOrSkip;
        await using var database = await NewDatabaseAsync();
        var memory = await OnAnEarlierNodeAsync(database, async api =>
        {
            var graph = (await api.CreateMemoryAsync(new { name = "calls", memoryType = "graph", ontology = "culture" })).GetProperty("id").GetString()!;
            var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
            await api.CreateMessageAsync(session, "Caroline: I moved to Lisbon with my sister Ana.", extra: new { createdAt = "2023-05-08T10:00:00.000Z" });
            await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = graph, sessions = new[] { session } }));
            Assert.Equal("success", await api.WaitForIngestionAsync(graph));
            return graph;
        });
        await using var node = await EngramProcess.StartAsync(database.Connection, database.Directory);
        await AssertWarmsAsync(node.Api);
        // This process's own gauges: the memory's chunk index and its fact index, both loaded by the warm-up.
        var scrape = (await node.Api.GetAsync("/metrics")).Raw;
        Assert.Equal(2, MetricsTests.Sum(scrape, "engram_retrieval_indexes"));
        var answer = await node.Api.QueryAsync(memory, "Where did Caroline move?", extra: "&facts=true");
        Assert.Contains("Lisbon", answer.GetProperty("facts")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, MetricsTests.Sum((await node.Api.GetAsync("/metrics")).Raw, "engram_retrieval_indexes"));
    }

    [Fact]
    public async Task A_server_with_only_sessions_has_nothing_to_warm_and_a_bad_warm_value_is_400()
    {
        _ = server.DatabaseOrSkip;
        await using var database = await NewDatabaseAsync();
        await using var node = await EngramProcess.StartAsync(database.Connection, database.Directory);
        await node.Api.CreateSessionAsync();
        await AssertWarmsAsync(node.Api);
        Assert.Equal(Ok, (await node.Api.GetAsync("/readyz?warm=false")).Raw);
        (await node.Api.GetAsync("/readyz?warm=soon")).AssertBadRequest("warm must be true or false");
        Assert.DoesNotContain("Embedding model", node.Output);
    }
}
