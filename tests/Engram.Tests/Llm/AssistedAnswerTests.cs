using Engram.Llm;
using Microsoft.AspNetCore.Builder;

namespace Engram.Tests.Llm;

/// §12's `assisted=true` with §13's language model, end to end: a real server on each backend
/// whose `Engram:Llm` points at a local OpenAI-compatible endpoint, over a vector memory.
public abstract class AssistedAnswerTests(EngramServer server) : IAsyncLifetime
{
    private const string Travel = """
        Our refund policy: a booking can be cancelled up to 48 hours before the trip for a full refund.
        Later cancellations get a voucher for half the price, valid for one year.
        """;
    private const string Pets = """
        Dogs are welcome on every train if they stay on a leash. Cats must travel in a closed basket.
        """;
    private const string Question = "How late can I cancel for a full refund?";
    private const string Written = "You can cancel up to 48 hours before the trip for a full refund.";

    private static readonly HttpClient Http = new();
    private FakeChatServer chat = null!;

    public async ValueTask InitializeAsync() => chat = await FakeChatServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await chat.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// Another server on the same database, with the language model at `behaviour`, and the account's client for it.
    private async Task<(WebApplication App, Api Api)> WithModelAsync(Api api, string behaviour, double timeoutSeconds = 30)
    {
        var (app, address) = await EngramServer.StartAsync(server.DatabaseOrSkip, adjust: settings => settings with
        {
            Llm = new() { Endpoint = chat.Endpoint(behaviour), Model = "fake-model", TimeoutSeconds = timeoutSeconds },
        });
        return (app, new Api(Http, address, api.Key, api.Account));
    }

    [Fact]
    public async Task The_model_writes_the_assisted_answer_from_the_passages_found()
    {
        var api = await server.NewAccountAsync();
        var (memory, _) = await api.IngestedMemoryAsync(("travel.txt", Travel), ("pets.md", Pets));
        chat.Reply = request => request.User.Contains("48 hours") && request.User.Contains("Question: " + Question)
            ? JsonSerializer.Serialize(new { found = true, answer = Written + " Later ones get a voucher." })
            : """{"found": false, "answer": ""}""";
        var (app, withModel) = await WithModelAsync(api, "ok");
        await using (app)
        {
            var answer = await withModel.QueryAsync(memory, Question, extra: "&assisted=true&facts=true");
            var item = Assert.Single(answer.GetProperty("payload").EnumerateArray());
            Assert.Equal(Written, item.GetProperty("content").GetString());
            Assert.InRange(item.GetProperty("score").GetDouble(), double.Epsilon, 1);
            Assert.Contains(answer.GetProperty("facts").EnumerateArray(), f => f.GetProperty("content").GetString()!.Contains("48 hours"));
            Assert.True(answer.GetProperty("token_count").GetInt32() > 0);
            var request = Assert.Single(chat.Requests);
            Assert.Contains("only the numbered memory passages", request.System);
            Assert.True(request.JsonMode);

            // Without assisted=true the model is not asked.
            await withModel.QueryAsync(memory, Question, extra: "&facts=true");
            Assert.Single(chat.Requests);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task When_memory_holds_nothing_relevant_the_model_says_it_does_not_know()
    {
        var api = await server.NewAccountAsync();
        var (memory, _) = await api.IngestedMemoryAsync(("travel.txt", Travel), ("pets.md", Pets));
        chat.Reply = _ => """{"found": false, "answer": "The captain probably wears a blue hat."}""";
        var (app, withModel) = await WithModelAsync(api, "ok");
        await using (app)
        {
            var answer = await withModel.QueryAsync(memory, "What colour is the captain's hat?", extra: "&assisted=true");
            var item = Assert.Single(answer.GetProperty("payload").EnumerateArray());
            Assert.Equal(AssistedAnswerWriter.DontKnow, item.GetProperty("content").GetString());
            Assert.Equal(0, item.GetProperty("score").GetDouble());
            await app.StopAsync();
        }
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("slow")]
    [InlineData("garbage")]
    public async Task A_failing_model_leaves_the_built_in_answer_and_ingestion_finishes(string behaviour)
    {
        var api = await server.NewAccountAsync();
        var (memory, _) = await api.IngestedMemoryAsync(("travel.txt", Travel), ("pets.md", Pets));
        var builtIn = await api.QueryAsync(memory, Question, extra: "&assisted=true&facts=true");
        var (app, withModel) = await WithModelAsync(api, behaviour, timeoutSeconds: behaviour == "slow" ? 0.5 : 30);
        await using (app)
        {
            var answer = await withModel.QueryAsync(memory, Question, extra: "&assisted=true&facts=true");
            Assert.Equal(builtIn.GetProperty("payload").GetRawText(), answer.GetProperty("payload").GetRawText());
            Assert.Equal(builtIn.GetProperty("facts").GetRawText(), answer.GetProperty("facts").GetRawText());
            Assert.True(chat.Count(behaviour) >= 1);

            // A memory ingested while the model fails still finishes (no job waits on the model).
            var (another, _) = await withModel.IngestedMemoryAsync(("pets.md", Pets));
            Assert.Equal("success", await withModel.WaitForIngestionAsync(another));
            await app.StopAsync();
        }
    }
}
