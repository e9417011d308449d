using System.Text;
using Engram.Graph;
using Engram.Retrieval;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests;

/// Issue #17: the in-process indexes under a memory budget (Engram:Retrieval:IndexMegabytes). A
/// second server on the same database with a tiny budget drops indexes and loads them again, and
/// must answer every query exactly as the shared server, whose default budget keeps them all.
public abstract class IndexBudgetTests(EngramServer server)
{
    private static readonly HttpClient Http = new();
    private static readonly string[] Questions = ["harbour lantern", "copper meadow violet", "granite willow falcon", "saffron beacon"];
    private static readonly string[] GraphQuestions = ["Where did Marie Curie move to?", "Which dogs travel free?", "Who founded the bakery in Lyon?"];
    private const string Bakery = """
        Jeanne Dubois founded the bakery in Lyon in 1952. Her son Paul Dubois took it over in 1980.
        Paul Dubois sold the bakery to Claire Martin in 2004.
        """;

    /// Another server on the same database with `megabytes` of budget, its client for `api`'s account,
    /// and its indexes. Its public URL is the shared server's, so the sources' URLs match too.
    private async Task<(WebApplication App, Api Api, IndexBudget Indexes)> WithBudgetAsync(Api api, int megabytes)
    {
        var (app, address) = await EngramServer.StartAsync(server.DatabaseOrSkip, adjust: settings => settings with
        {
            Retrieval = new() { IndexMegabytes = megabytes },
            PublicUrl = server.BaseAddress.ToString(),
        });
        var budgeted = new Api(Http, address, api.Key, api.Account);
        // The warmer loads the most recent memories at start: let it finish, so the counts below are the queries'.
        for (var i = 0; i < 600 && (await budgeted.GetAsync("/readyz?warm=true")).Status != HttpStatusCode.OK; i++)
        {
            await Task.Delay(50);
        }
        return (app, budgeted, app.Services.GetRequiredService<IndexBudget>());
    }

    private static async Task<List<(string Memory, string[] Files)>> MemoriesAsync(Api api, int count)
    {
        var memories = new List<(string, string[])>();
        for (var m = 0; m < count; m++)
        {
            memories.Add(await api.IngestedMemoryAsync(($"a{m}.txt", TwoNodeTests.Prose(new Random(m), 12)),
                ($"b{m}.txt", TwoNodeTests.Prose(new Random(100 + m), 12))));
        }
        return memories;
    }

    private static async Task<string> RawAsync(Api api, string memory, string question)
    {
        var response = await api.GetAsync($"/memory?memoryID={memory}&query={Uri.EscapeDataString(question)}&top_k=10");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Raw;
    }

    [Fact]
    public async Task With_no_budget_each_query_reloads_its_memory_and_answers_as_with_a_large_one()
    {
        var api = await server.NewAccountAsync();
        var memories = await MemoriesAsync(api, 3);
        var (app, budgeted, indexes) = await WithBudgetAsync(api, 0);
        await using (app)
        {
            for (var round = 0; round < 2; round++)
            {
                foreach (var (memory, _) in memories)
                {
                    Assert.Equal(await RawAsync(api, memory, Questions[round]), await RawAsync(budgeted, memory, Questions[round]));
                    // Every other index went when this one loaded; this one stays until the next load.
                    Assert.Equal(1, indexes.Count);
                }
            }
        }
    }

    [Fact]
    public async Task A_file_deleted_after_its_memory_was_dropped_and_reloaded_is_gone_from_the_answers()
    {
        var api = await server.NewAccountAsync();
        var memories = await MemoriesAsync(api, 2);
        var (memory, files) = memories[0];
        var (app, budgeted, indexes) = await WithBudgetAsync(api, 0);
        await using (app)
        {
            Assert.Contains(files[0], SourceIds(await RawAsync(budgeted, memory, Questions[0])));
            await RawAsync(budgeted, memories[1].Memory, Questions[0]); // drops the first memory's index
            Assert.Equal(1, indexes.Count);
            await RawAsync(budgeted, memory, Questions[1]); // and loads it again
            Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={files[0]}")).Status);
            foreach (var question in Questions)
            {
                var answer = await RawAsync(budgeted, memory, question);
                Assert.DoesNotContain(files[0], SourceIds(answer));
                Assert.Equal(await RawAsync(api, memory, question), answer);
            }
            // Dropped again and reloaded after the delete: still gone.
            await RawAsync(budgeted, memories[1].Memory, Questions[0]);
            Assert.Equal([files[1]], SourceIds(await RawAsync(budgeted, memory, Questions[2])));
        }
    }

    /// A graph memory's query loads its fact index, then its chunk index, which the same budget
    /// counts: under no budget the chunk load drops the fact index, and the next query loads it again.
    [Fact]
    public async Task Graph_memories_under_no_budget_reload_their_facts_answer_as_with_a_large_one_and_lose_a_deleted_file()
    {
        var api = await server.NewAccountAsync();
        var memories = new[]
        {
            await GraphTests.GraphMemoryAsync(api, ("curie.txt", GraphTests.Travel), ("trains.txt", GraphTests.Pets)),
            await GraphTests.GraphMemoryAsync(api, ("bakery.txt", Bakery), ("trains.txt", GraphTests.Pets)),
        };
        var (memory, files) = memories[0];
        var (app, budgeted, indexes) = await WithBudgetAsync(api, 0);
        await using (app)
        {
            for (var round = 0; round < 2; round++)
            {
                foreach (var (each, _) in memories)
                {
                    foreach (var question in GraphQuestions)
                    {
                        Assert.Equal(await RawAsync(api, each, question), await RawAsync(budgeted, each, question));
                        // The fact index went when the chunk index loaded after it: only that one stays.
                        Assert.Equal(1, indexes.Count);
                        Assert.Null(indexes.Held<GraphIndex>(api.Account, each));
                    }
                }
            }
            // An assisted query of a graph memory searches its facts alone: its fact index is the last
            // load, pushes out the chunk index before it, and is what the budget (and the metrics) count.
            var assisted = $"/memory?memoryID={memories[1].Memory}&query={Uri.EscapeDataString(GraphQuestions[2])}&assisted=true";
            Assert.Equal((await api.GetAsync(assisted)).Raw, (await budgeted.GetAsync(assisted)).Raw);
            var facts = indexes.Held<GraphIndex>(api.Account, memories[1].Memory);
            Assert.NotNull(facts);
            Assert.Equal(1, indexes.Count);
            Assert.Equal(facts.EstimatedBytes, indexes.LoadedBytes());
            Assert.Contains(files[0], SourceIds(await RawAsync(budgeted, memory, GraphQuestions[0])));
            Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={files[0]}")).Status);
            foreach (var question in GraphQuestions)
            {
                var answer = await RawAsync(budgeted, memory, question);
                Assert.DoesNotContain(files[0], SourceIds(answer));
                Assert.DoesNotContain("Curie", answer, StringComparison.Ordinal);
                Assert.Equal(await RawAsync(api, memory, question), answer);
            }
            // Dropped again and reloaded after the delete: still gone.
            await RawAsync(budgeted, memories[1].Memory, GraphQuestions[2]);
            var reloaded = await RawAsync(budgeted, memory, GraphQuestions[0]);
            Assert.Equal([files[1]], SourceIds(reloaded));
            Assert.DoesNotContain("Curie", reloaded, StringComparison.Ordinal);
        }
    }

    /// Random order, a few at a time, under a budget that holds two of the four memories (each
    /// holds one 1,024-row vector segment, 1.2 MB, and a few kB more): hits, loads and drops interleave,
    /// and no answer may differ from the shared server's.
    [Fact]
    public async Task Queries_in_random_order_under_a_small_budget_answer_as_with_a_large_one()
    {
        var api = await server.NewAccountAsync();
        var memories = await MemoriesAsync(api, 4);
        var expected = new Dictionary<(string, string), string>();
        foreach (var (memory, _) in memories)
        {
            foreach (var question in Questions)
            {
                expected[(memory, question)] = await RawAsync(api, memory, question);
            }
        }
        var (app, budgeted, indexes) = await WithBudgetAsync(api, 3);
        await using (app)
        {
            var seed = Environment.TickCount;
            TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}");
            var random = new Random(seed);
            for (var round = 0; round < 12; round++)
            {
                var asked = Enumerable.Range(0, random.Next(1, 4))
                    .Select(_ => (memories[random.Next(memories.Count)].Memory, Questions[random.Next(Questions.Length)])).ToArray();
                var answers = await Task.WhenAll(asked.Select(q => RawAsync(budgeted, q.Memory, q.Item2)));
                for (var i = 0; i < asked.Length; i++)
                {
                    Assert.True(expected[asked[i]] == answers[i], $"seed {seed}, round {round}: {asked[i]} answered differently");
                }
                // Two fit in the budget; a third stays only while a query held it when the last load looked.
                Assert.InRange(indexes.Count, 1, 3);
            }
        }
    }

    private static string[] SourceIds(string answer) =>
        [.. JsonDocument.Parse(answer).RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
}
