using System.Text;
using Engram.Ingestion;

namespace Engram.Tests;

/// Issue #17, several nodes: two real `engram serve` processes on one PostgreSQL database, each
/// with its own ingestion worker and its own in-memory indexes. Whatever one node does, the other
/// sees from the moment of the answer, and a job is worked by one of them only.
public sealed class TwoNodeTests(PostgresServer postgres, TwoNodeTests.Nodes nodes) : IClassFixture<TwoNodeTests.Nodes>
{
    /// Both nodes, started once for the suite on a database of its own (no third server works its jobs).
    public sealed class Nodes : IAsyncLifetime
    {
        private ScratchDatabase? _database;

        public EngramProcess A { get; private set; } = null!;
        public EngramProcess B { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            if (!PostgresServer.IsConfigured)
            {
                return; // the suite is not discovered then (BackendTestFramework)
            }
            _database = await ScratchDatabase.PostgresAsync();
            A = await EngramProcess.StartAsync(_database.Connection, _database.Directory);
            B = await EngramProcess.StartAsync(_database.Connection, _database.Directory);
        }

        public async ValueTask DisposeAsync()
        {
            if (_database is not null)
            {
                await A.DisposeAsync();
                await B.DisposeAsync();
                await _database.DisposeAsync();
            }
        }
    }

    // Taken only so that the suite is left out where PostgreSQL is not configured (BackendTestFramework).
    private readonly string _backend = postgres.GetType().Name;

    [Fact]
    public async Task Each_job_is_worked_by_exactly_one_node_and_gives_a_clean_run_s_counts()
    {
        Assert.Equal(nameof(PostgresServer), _backend);
        var random = new Random(17);
        var memories = new List<(string Id, int Chunks)>();
        for (var m = 0; m < 6; m++)
        {
            // Half the memories are made and started through each node.
            var api = m % 2 == 0 ? nodes.A.Api : nodes.B.Api;
            var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
            var files = new List<string>();
            var chunks = 0;
            for (var f = 0; f < 3; f++)
            {
                var text = Prose(random, 40);
                chunks += Chunker.Split(text, 250, 10).Count;
                files.Add((await api.UploadFileAsync($"doc-{m}-{f}.txt", Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!);
            }
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files }))).Status);
            memories.Add((memory, chunks));
        }
        await Task.WhenAll(memories.Select((m, i) => (i % 2 == 0 ? nodes.B.Api : nodes.A.Api)
            .PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = m.Id }))));

        foreach (var (id, chunks) in memories)
        {
            Assert.Equal("success", await nodes.A.Api.WaitForIngestionAsync(id));
            var memory = (await nodes.B.Api.GetAsync($"/memories/get/{id}")).Data;
            Assert.Equal(3, memory.GetProperty("sampleCount").GetInt64());
            Assert.Equal(chunks, memory.GetProperty("chunkCount").GetInt64());
        }
        await Task.Delay(300); // log lines are written in batches
        var log = nodes.A.Output + nodes.B.Output;
        foreach (var (id, _) in memories)
        {
            // One job per memory, ended once: by one node, never by both.
            Assert.Single(log.Split('\n'), l => l.Contains($"of memory {id} ended success"));
        }
        var byA = memories.Count(m => nodes.A.Output.Contains($"of memory {m.Id} ended"));
        TestContext.Current.TestOutputHelper?.WriteLine($"node A worked {byA} of {memories.Count} jobs, node B {memories.Count - byA}");
    }

    [Fact]
    public async Task An_upload_url_minted_by_one_node_works_on_the_other()
    {
        var ticket = await nodes.A.Api.PostAsync("/files/upload", """{"fileName":"minted-on-a.txt"}""");
        var url = new UriBuilder(ticket.Data.GetProperty("uploadUrl").GetString()!) { Port = nodes.B.Address.Port }.Uri;
        var put = await MemoryApi.PutAsync(url.ToString(), Encoding.UTF8.GetBytes("The lighthouse keeper feeds the gulls at dawn."));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var key = ticket.Data.GetProperty("key").GetString()!;
        var created = await nodes.B.Api.PostAsync("/files/create", Api.Json(new { name = "minted-on-a.txt", key }));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var file = created.Data.GetProperty("id").GetString()!;
        Assert.Equal(46, (await nodes.A.Api.GetAsync($"/files/get/{file}")).Data.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_memory_ingested_through_one_node_is_retrievable_on_the_other_without_a_restart()
    {
        var memory = (await nodes.A.Api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        // B reads the memory first, empty, so that any index B keeps is built before the ingestion.
        Assert.Equal(0, (await nodes.B.Api.QueryAsync(memory, "lighthouse gulls")).GetProperty("payload").GetArrayLength());

        var first = await AddAndIngestAsync(nodes.A.Api, memory, "gulls.txt", "The lighthouse keeper feeds the gulls at dawn.");
        Assert.Equal([first], SourceIds(await nodes.B.Api.QueryAsync(memory, "lighthouse keeper gulls", topK: 1)));
        var second = await AddAndIngestAsync(nodes.A.Api, memory, "otters.txt", "Sea otters hold hands while they sleep on the water.");
        Assert.Equal([second], SourceIds(await nodes.B.Api.QueryAsync(memory, "sea otters sleep holding hands", topK: 1)));
    }

    [Fact]
    public async Task Deletes_through_one_node_are_invisible_to_retrieval_on_the_other_from_the_moment_of_the_200()
    {
        var a = nodes.A.Api;
        var b = nodes.B.Api;
        var memory = (await a.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var removed = await AddAndIngestAsync(a, memory, "violin.txt", "Marguerite repairs antique violins in her workshop.");
        var deleted = await AddAndIngestAsync(a, memory, "glacier.txt", "The glacier retreated four hundred metres in a decade.");
        var session = (await a.CreateSessionAsync()).GetProperty("id").GetString()!;
        var message = (await a.CreateMessageAsync(session, "My parrot Captain whistles the national anthem.")).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await a.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session } }))).Status);
        Assert.Equal("success", await a.WaitForIngestionAsync(memory));

        // B has served each of them, so its indexes hold all three before the deletes.
        Assert.Contains(removed, SourceIds(await b.QueryAsync(memory, "antique violins workshop")));
        Assert.Contains(deleted, SourceIds(await b.QueryAsync(memory, "glacier retreated")));
        Assert.Contains(message, SourceIds(await b.QueryAsync(memory, "parrot whistles anthem")));

        Assert.Equal(HttpStatusCode.OK, (await a.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={removed}")).Status);
        Assert.DoesNotContain(removed, SourceIds(await b.QueryAsync(memory, "antique violins workshop")));
        Assert.Equal(HttpStatusCode.OK, (await a.DeleteAsync($"/files/delete/{deleted}")).Status);
        Assert.DoesNotContain(deleted, SourceIds(await b.QueryAsync(memory, "glacier retreated")));
        Assert.Equal(HttpStatusCode.OK, (await a.DeleteAsync($"/messages/delete/{message}")).Status);
        Assert.DoesNotContain(message, SourceIds(await b.QueryAsync(memory, "parrot whistles anthem")));

        Assert.Equal(HttpStatusCode.OK, (await a.DeleteAsync($"/memories/delete/{memory}")).Status);
        (await b.GetAsync($"/memory?memoryID={memory}&query=anything")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
    }

    private static async Task<string> AddAndIngestAsync(Api api, string memory, string name, string text)
    {
        var file = (await api.UploadFileAsync(name, Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        return file;
    }

    private static string[] SourceIds(JsonElement answer) =>
        [.. answer.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];

    /// Sentences of random words from a small vocabulary: text that chunks into several pieces.
    public static string Prose(Random random, int sentences)
    {
        string[] words = ["harbour", "lantern", "copper", "meadow", "violet", "engine", "orchard", "granite", "willow", "falcon",
            "ledger", "cobalt", "thunder", "saffron", "quarry", "marble", "pepper", "tundra", "beacon", "compass"];
        var text = new StringBuilder();
        for (var s = 0; s < sentences; s++)
        {
            var count = random.Next(5, 14);
            for (var w = 0; w < count; w++)
            {
                var word = words[random.Next(words.Length)];
                text.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == count - 1 ? ". " : " ");
            }
        }
        return text.ToString().TrimEnd();
    }
}
