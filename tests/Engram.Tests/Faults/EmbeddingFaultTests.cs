using System.Text;
using Engram.Auth;
using Engram.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests;

/// Issue #17, the embeddings endpoint (`Engram:Embeddings:Endpoint`) failing: a 500, a connection
/// dropped after a wait, an answer that is not embeddings. Each sample fails with a sentence that
/// says why, the job ends (never stuck in `processing`), and once the endpoint is back a new
/// start-ingestion finishes the memory. A server of its own on a database of its own: the shared
/// server embeds with the packaged model, and its worker must not take these jobs.
public abstract class EmbeddingFaultTests(EngramServer server)
{
    public enum Failure { Answers500, DropsTheConnection, AnswersNonsense }

    [Theory]
    [InlineData(Failure.Answers500, "the embedding model failed: The embeddings endpoint answered 500: model overloaded.")]
    [InlineData(Failure.DropsTheConnection, "the embedding model failed: The embeddings endpoint could not be reached")]
    [InlineData(Failure.AnswersNonsense, "the embedding model failed: The embeddings endpoint answered with something other than JSON embeddings.")]
    public async Task A_failing_endpoint_fails_each_sample_with_its_reason_and_a_later_start_finishes_the_memory(Failure failure, string reason)
    {
        await using var database = StoreFactory.IsPostgres(server.DatabaseOrSkip) ? await ScratchDatabase.PostgresAsync() : ScratchDatabase.Sqlite();
        await using var endpoint = await LocalSite.StartAsync();
        var healthy = false;
        endpoint.Handle("/v1/embeddings", async context =>
        {
            if (Volatile.Read(ref healthy))
            {
                await AnswerAsync(context, endpoint.Received.Last().Body);
                return;
            }
            await FailAsync(context, failure);
        });
        var (app, address) = await EngramServer.StartAsync(database.Connection,
            adjust: s => s with { Embeddings = new() { Endpoint = endpoint.Url("/v1"), Model = "fake-embedder" } });
        try
        {
            await IngestThroughFailuresAsync(app, address, database, reason, () => Volatile.Write(ref healthy, true), () => Volatile.Write(ref healthy, false));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task IngestThroughFailuresAsync(Microsoft.AspNetCore.Builder.WebApplication app, Uri address, ScratchDatabase database,
        string reason, Action heal, Action breakAgain)
    {
        var key = ApiKeyHasher.NewKey();
        await StartupKey.AddAsync(app.Services.GetRequiredService<IStore>(), "faults", key, CancellationToken.None);
        using var http = new HttpClient();
        var api = new Api(http, address, key, "faults");

        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            files.Add((await api.UploadFileAsync($"f{i}.txt", Encoding.UTF8.GetBytes(TwoNodeTests.Prose(new Random(i), 12)))).GetProperty("id").GetString()!);
        }
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files }));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("failed", await api.WaitForIngestionAsync(memory));
        var samples = (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("samples").EnumerateArray().ToArray();
        Assert.Equal(3, samples.Length);
        Assert.All(samples, s => Assert.Equal("failed", s.GetProperty("status").GetString()));
        Assert.All(samples, s => Assert.StartsWith(reason, s.GetProperty("error").GetString()));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM samples WHERE status IN ('pending', 'processing')"));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM jobs WHERE status IN ('pending', 'processing')"));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM chunks"));

        heal();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        Assert.NotEmpty((await api.QueryAsync(memory, "harbour lantern")).GetProperty("payload").EnumerateArray());

        // The endpoint failing again at query time: retrieval answers from the words alone, never a 500.
        breakAgain();
        Assert.NotEmpty((await api.QueryAsync(memory, "harbour lantern")).GetProperty("payload").EnumerateArray());
    }

    private static async Task FailAsync(HttpContext context, Failure failure)
    {
        switch (failure)
        {
            case Failure.Answers500:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { error = new { message = "model overloaded" } });
                break;
            case Failure.DropsTheConnection:
                await Task.Delay(300);
                context.Abort();
                break;
            default:
                await context.Response.WriteAsync("<html>upstream says hello</html>");
                break;
        }
    }

    /// Eight numbers from the words of each input: enough for a memory to be searched by vectors.
    private static async Task AnswerAsync(HttpContext context, string body)
    {
        using var request = JsonDocument.Parse(body);
        var data = request.RootElement.GetProperty("input").EnumerateArray().Select((input, index) =>
        {
            var vector = new float[8];
            foreach (var word in input.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                vector[(word.Length * 7 + word[0]) % 8] += 1;
            }
            vector[0] += 0.01f;
            return new { index, embedding = vector };
        });
        await context.Response.WriteAsJsonAsync(new { data });
    }
}
