using System.Text;
using Engram.Ingestion;
using Engram.Storage;

namespace Engram.Tests;

/// Issue #17, kill -9 in the memory half: a real `engram serve` killed with SIGKILL while it
/// ingests, and while webhooks wait to be delivered, then started again on the same database.
/// A restarted node takes a dead node's job once its 30-s lease lapses, so each round waits that
/// long; the rounds default to 2, and CI runs more (ENGRAM_KILL_ROUNDS).
public abstract class KillTests(EngramServer server)
{
    private static readonly int Rounds =
        int.TryParse(Environment.GetEnvironmentVariable("ENGRAM_KILL_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 2;

    private const int FilesPerRound = 6;

    private Task<ScratchDatabase> NewDatabaseAsync() =>
        StoreFactory.IsPostgres(server.DatabaseOrSkip) ? ScratchDatabase.PostgresAsync() : Task.FromResult(ScratchDatabase.Sqlite());

    [Fact]
    public async Task Kill_9_at_random_moments_of_ingestion_ends_every_job_with_a_clean_run_s_counts_and_its_webhooks_in_order()
    {
        await using var database = await NewDatabaseAsync();
        await using var receiver = await LocalSite.StartAsync();
        receiver.Status("/hook", 200);
        var random = new Random(Environment.TickCount);
        var node = await EngramProcess.StartAsync(database.Connection, database.Directory);
        var memory = (await node.Api.CreateMemoryAsync(new { name = "killed", memoryType = "vector", webhookUrl = receiver.Url("/hook") }))
            .GetProperty("id").GetString()!;
        var expectedChunks = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // Each round adds files and starts ingestion (a job still open from the round before takes them on),
            // waits until a sample of them is stored, then kills the node at a random moment after that.
            var files = new List<string>();
            for (var f = 0; f < FilesPerRound; f++)
            {
                var text = TwoNodeTests.Prose(random, 50);
                expectedChunks += Chunker.Split(text, 250, 10).Count;
                files.Add((await node.Api.UploadFileAsync($"r{round}-f{f}.txt", Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!);
            }
            var before = await SucceededAsync(database, memory);
            Assert.Equal(HttpStatusCode.Created, (await node.Api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files }))).Status);
            Assert.Equal(HttpStatusCode.OK, (await node.Api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
            for (var i = 0; i < 900 && await SucceededAsync(database, memory) == before; i++)
            {
                await Task.Delay(100);
            }
            var delay = random.Next(0, 600);
            await Task.Delay(delay);
            await node.KillAsync();
            TestContext.Current.TestOutputHelper?.WriteLine($"round {round}: killed {delay} ms after sample {before + 1} was stored");
            await node.DisposeAsync();
            node = await EngramProcess.StartAsync(database.Connection, database.Directory);
        }
        await using (node)
        {
            Assert.Equal("success", await node.Api.WaitForIngestionAsync(memory));
            var got = (await node.Api.GetAsync($"/memories/get/{memory}")).Data;
            Assert.Equal(Rounds * FilesPerRound, got.GetProperty("sampleCount").GetInt64());
            Assert.Equal(expectedChunks, got.GetProperty("chunkCount").GetInt64());
            Assert.Equal(Rounds * FilesPerRound, await SucceededAsync(database, memory));
            Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM samples WHERE status IN ('pending', 'processing')"));
            Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM jobs WHERE status IN ('pending', 'processing')"));
            Assert.Equal(0, await database.CountAsync(
                "SELECT COUNT(*) FROM (SELECT sample_id, ordinal FROM chunks GROUP BY sample_id, ordinal HAVING COUNT(*) > 1) doubled"));
            Assert.NotEmpty((await node.Api.QueryAsync(memory, "harbour lantern copper")).GetProperty("payload").EnumerateArray());
            AssertJobsInOrder(await WebhookFaultTests.ReceivedAsync(receiver, "success", until: () => OpenOutboxAsync(database)));
        }
    }

    [Fact]
    public async Task Webhooks_pending_at_a_kill_9_are_delivered_after_the_restart_in_order()
    {
        await using var database = await NewDatabaseAsync();
        await using var receiver = await LocalSite.StartAsync();
        receiver.Status("/hook", 503);
        var node = await EngramProcess.StartAsync(database.Connection, database.Directory);
        var memory = (await node.Api.CreateMemoryAsync(new { name = "hooked", memoryType = "vector", webhookUrl = receiver.Url("/hook") }))
            .GetProperty("id").GetString()!;
        var files = new List<string>();
        for (var f = 0; f < 3; f++)
        {
            files.Add((await node.Api.UploadFileAsync($"f{f}.txt", Encoding.UTF8.GetBytes(TwoNodeTests.Prose(new Random(f), 30)))).GetProperty("id").GetString()!);
        }
        await node.Api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files }));
        await node.Api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
        Assert.Equal("success", await node.Api.WaitForIngestionAsync(memory));
        var pending = await database.CountAsync("SELECT COUNT(*) FROM webhook_deliveries");
        Assert.True(pending >= 3, $"{pending} webhooks waiting");
        await node.KillAsync();
        await node.DisposeAsync();

        receiver.Status("/hook", 200);
        await using var again = await EngramProcess.StartAsync(database.Connection, database.Directory);
        var bodies = await WebhookFaultTests.ReceivedAsync(receiver, "success", until: () => OpenOutboxAsync(database));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM webhook_deliveries"));
        AssertJobsInOrder(bodies);
        // Every event the outbox held before the kill arrived: the first is `pending`, the last `success`.
        Assert.True(bodies.Distinct().Count() >= pending);
    }

    private static Task<long> OpenOutboxAsync(ScratchDatabase database) => database.CountAsync("SELECT COUNT(*) FROM webhook_deliveries");

    /// One job's webhooks after another's, never interleaved, each job's in order.
    private static void AssertJobsInOrder(string[] bodies)
    {
        var batches = bodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("event").GetProperty("batchID").GetString()!).ToArray();
        var order = batches.Where((b, i) => i == 0 || b != batches[i - 1]).ToArray();
        Assert.Equal(order.Distinct().Count(), order.Length);
        foreach (var batch in order)
        {
            WebhookFaultTests.AssertInOrder([.. bodies.Where((_, i) => batches[i] == batch)]);
        }
    }

    private static Task<long> SucceededAsync(ScratchDatabase database, string memory) =>
        database.CountAsync("SELECT COUNT(*) FROM samples WHERE memory_id = @memory AND status = 'success'", ("@memory", memory));
}
