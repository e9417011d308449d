using System.Text;
using Engram.Auth;
using Engram.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests.Llm;

/// §13's language model learning a graph memory (§12) end to end on each backend: a server whose
/// `Engram:Llm` points at a local OpenAI-compatible endpoint extracts the memory's facts with it and
/// answers `assisted=true` from them; with the model failing, the built-in extractor learns the
/// memory instead. A server of its own on a database of its own: the shared server's worker has no
/// model and must not take these jobs.
public abstract class GraphExtractionTests(EngramServer server) : IAsyncLifetime
{
    private const string Curie = """
        Marie Curie moved to Paris in 1891 to study physics at the Sorbonne.
        In Paris she met Pierre Curie, who worked on magnetism.
        """;
    private const string Extracted = """
        {"entities":[{"name":"Marie Curie","kind":"person","aliases":["Marie"]},
                     {"name":"Sorbonne","kind":"organization","aliases":[]},
                     {"name":"Pierre Curie","kind":"person","aliases":[]}],
         "facts":[{"content":"Marie Curie studied physics at the Sorbonne from 1891.","date":"1891-10-01","entities":["Marie Curie","Sorbonne"],"relation":"studied at"},
                  {"content":"Marie Curie met Pierre Curie in Paris.","date":null,"entities":["Marie Curie","Pierre Curie"],"relation":"met"}]}
        """;
    private const string Written = "She met Pierre Curie in Paris.";

    private FakeChatServer chat = null!;

    public async ValueTask InitializeAsync() => chat = await FakeChatServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await chat.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_models_facts_become_the_memory_and_the_model_answers_from_them()
    {
        // The assisted answer's prompt names the numbered passages; every other request is an extraction.
        chat.Reply = request => request.System.Contains("numbered memory passages", StringComparison.Ordinal)
            ? JsonSerializer.Serialize(new { found = true, answer = Written })
            : Extracted;
        await using var database = await ScratchAsync();
        await WithModelAsync(database, "ok", async api =>
        {
            var memory = await GraphMemoryAsync(api);
            var facts = (await api.GetAsync($"/memories/facts?memoryID={memory}&limit=100")).Data.GetProperty("facts")
                .EnumerateArray().Select(fact => fact.GetProperty("content").GetString()).ToList();
            Assert.Equal(["Marie Curie studied physics at the Sorbonne from 1891.", "Marie Curie met Pierre Curie in Paris."], facts);
            var entities = (await api.GetAsync($"/memories/entities?memoryID={memory}&limit=100")).Data.GetProperty("entities")
                .EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("type").GetString());
            Assert.Equal("organization", entities["Sorbonne"]);
            Assert.Equal("person", entities["Pierre Curie"]);
            var extraction = Assert.Single(chat.Requests, request => !request.System.Contains("numbered memory passages", StringComparison.Ordinal));
            Assert.Contains("people and culture", extraction.System, StringComparison.Ordinal); // the memory's ontology
            Assert.Contains("Marie Curie moved to Paris", extraction.User, StringComparison.Ordinal);

            var answer = await api.QueryAsync(memory, "Who did Marie Curie meet in Paris?", extra: "&assisted=true&facts=true");
            Assert.Equal(Written, Assert.Single(answer.GetProperty("payload").EnumerateArray()).GetProperty("content").GetString());
            Assert.Contains(answer.GetProperty("facts").EnumerateArray(),
                fact => fact.GetProperty("content").GetString()!.StartsWith("Marie Curie met Pierre Curie in Paris.", StringComparison.Ordinal));
            var asked = Assert.Single(chat.Requests, request => request.System.Contains("numbered memory passages", StringComparison.Ordinal));
            Assert.Contains("Marie Curie met Pierre Curie in Paris.", asked.User, StringComparison.Ordinal); // from the learnt facts
        });
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("garbage")]
    public async Task A_failing_model_leaves_the_built_in_extractor_to_learn_the_memory(string behaviour)
    {
        await using var database = await ScratchAsync();
        await WithModelAsync(database, behaviour, async api =>
        {
            var memory = await GraphMemoryAsync(api);
            Assert.True(chat.Count(behaviour) >= 1);
            var facts = (await api.GetAsync($"/memories/facts?memoryID={memory}&limit=100")).Data.GetProperty("facts")
                .EnumerateArray().Select(fact => fact.GetProperty("content").GetString()!).ToList();
            Assert.Contains(facts, fact => fact.Contains("Sorbonne", StringComparison.Ordinal));
            var answer = await api.QueryAsync(memory, "Where did Marie Curie study physics?", extra: "&facts=true");
            Assert.Contains("Sorbonne", answer.GetProperty("payload")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        });
    }

    private async Task<ScratchDatabase> ScratchAsync() =>
        StoreFactory.IsPostgres(server.DatabaseOrSkip) ? await ScratchDatabase.PostgresAsync() : ScratchDatabase.Sqlite();

    private async Task WithModelAsync(ScratchDatabase database, string behaviour, Func<Api, Task> test)
    {
        var (app, address) = await EngramServer.StartAsync(database.Connection, adjust: settings => settings with
        {
            Llm = new() { Endpoint = chat.Endpoint(behaviour), Model = "fake-model", TimeoutSeconds = 30 },
        });
        try
        {
            var key = ApiKeyHasher.NewKey();
            await StartupKey.AddAsync(app.Services.GetRequiredService<IStore>(), "graph-llm", key, CancellationToken.None);
            using var http = new HttpClient();
            await test(new Api(http, address, key, "graph-llm"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<string> GraphMemoryAsync(Api api)
    {
        var memory = (await api.CreateMemoryAsync(new { name = "physics", memoryType = "graph", ontology = "culture" })).GetProperty("id").GetString()!;
        var file = (await api.UploadFileAsync("curie.txt", Encoding.UTF8.GetBytes(Curie))).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        return memory;
    }
}
