using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engram.Ingestion;
using Npgsql;

namespace Engram.Tests;

/// Issue #17, storage faults during ingestion, on a real `engram serve`: the database out of reach
/// (PostgreSQL behind a proxy the test cuts) or its disk full (SQLite past a lowered file-size
/// limit). Meanwhile the API answers 503 with the contract's envelope, never a bare 500; the job
/// waits with its reason in the log, fails no sample, and once storage is back it ends `success`
/// with a clean run's counts.
public sealed class DatabaseGoneTests(PostgresServer postgres)
{
    // Taken only so that the suite is left out where PostgreSQL is not configured (BackendTestFramework).
    private readonly string _backend = postgres.GetType().Name;

    [Fact]
    public async Task PostgreSQL_cut_mid_ingestion_answers_503_makes_the_job_wait_and_it_ends_with_a_clean_run_s_counts()
    {
        Assert.Equal(nameof(PostgresServer), _backend);
        await using var database = await ScratchDatabase.PostgresAsync();
        var real = new NpgsqlConnectionStringBuilder(database.Connection);
        await using var cutter = new TcpCutter(real.Host!, real.Port);
        var throughCutter = new NpgsqlConnectionStringBuilder(database.Connection) { Host = "127.0.0.1", Port = cutter.Port }.ToString();
        await using var node = await EngramProcess.StartAsync(throughCutter, database.Directory);
        var (memory, chunks) = await StorageFaultRun.StartIngestionAsync(node.Api);

        var atCut = await StorageFaultRun.UntilAsync(() => StorageFaultRun.SucceededAsync(database, memory), done => done > 0, "a sample stored");
        cutter.Cut();
        var answers = new List<ApiResponse>();
        var clock = Stopwatch.StartNew();
        // The cut lasts until the worker has said why it waits, and a few seconds at least (for
        // the API's answers and a lease renewal to meet it); the bound only keeps a broken run from hanging.
        for (var i = 0; i < 600 && !(node.Output.Contains(StorageFaultRun.WaitLine) && clock.Elapsed > TimeSpan.FromSeconds(4)); i++)
        {
            answers.Add(await node.Api.GetAsync($"/memories/get/{memory}"));
            answers.Add(await node.Api.PostAsync("/sessions/create"));
            await Task.Delay(100);
        }
        cutter.Restore();
        TestContext.Current.TestOutputHelper?.WriteLine($"cut after {atCut} of {StorageFaultRun.Files} samples, for {clock.ElapsedMilliseconds} ms");

        Assert.True(atCut < StorageFaultRun.Files, $"the cut came after the last sample ({atCut})");
        Assert.Contains(StorageFaultRun.WaitLine, node.Output);
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(answers, a =>
        {
            if (a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                a.AssertError(HttpStatusCode.ServiceUnavailable, "Storage unavailable", "unavailable");
            }
        });
        await StorageFaultRun.AssertCleanRunAsync(node, database, memory, chunks);
        Assert.Contains("Ingestion: storage answers again; ingestion resumes", node.Output);
        Assert.DoesNotContain("Unhandled error", node.Output);

        // Every background service that polls the database (the feed and the webhook sender four times
        // a second) said the outage once or twice, not once a tick, with no stack, and said its end.
        foreach (var service in new[] { "Ingestion", "Conversation memory", "Webhooks" })
        {
            var back = $"{service}: storage answers again";
            await StorageFaultRun.UntilAsync(() => Task.FromResult(node.Output.Contains(back, StringComparison.Ordinal)), seen => seen, back);
            var lines = node.Output.Split('\n');
            var said = lines.Count(l => l.Contains($"{service}: storage is unavailable", StringComparison.Ordinal));
            Assert.True(said is 1 or 2, $"{service} said the outage {said} times");
            Assert.True(Array.FindIndex(lines, l => l.Contains(back, StringComparison.Ordinal))
                > Array.FindIndex(lines, l => l.Contains($"{service}: storage is unavailable", StringComparison.Ordinal)), $"{service} said its end first");
        }
        Assert.DoesNotContain(node.Output.Split('\n'), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}

public sealed class DiskFullTests
{
    [Fact]
    public async Task SQLite_past_its_file_size_limit_answers_503_makes_the_job_wait_and_it_ends_with_a_clean_run_s_counts()
    {
        await using var database = ScratchDatabase.Sqlite();
        await using var node = await EngramProcess.StartAsync(database.Connection, database.Directory, ignoreFileSizeLimit: true);
        var (memory, chunks) = await StorageFaultRun.StartIngestionAsync(node.Api);
        var ticket = await node.Api.PostAsync("/files/upload", Api.Json(new { fileName = "late.txt" }));

        var atLimit = await StorageFaultRun.UntilAsync(() => StorageFaultRun.SucceededAsync(database, memory), done => done > 0, "a sample stored");
        // One byte: every write of the database, its WAL or an upload fails with EFBIG, as on a full disk.
        // Only the soft limit moves: raising a hard limit again takes a privilege a container may not have.
        await PrlimitAsync(node, "1:");
        await StorageFaultRun.UntilAsync(() => Task.FromResult(node.Output.Contains(StorageFaultRun.WaitLine)), seen => seen, "the wait logged");
        var stored = await StorageFaultRun.SucceededAsync(database, memory);

        (await node.Api.PostAsync("/sessions/create")).AssertError(HttpStatusCode.ServiceUnavailable, "Storage unavailable", "unavailable");
        var put = await MemoryApi.PutAsync(ticket.Data.GetProperty("uploadUrl").GetString()!, Encoding.UTF8.GetBytes("too late"));
        new ApiResponse(put.StatusCode, await put.Content.ReadAsStringAsync(), put)
            .AssertError(HttpStatusCode.ServiceUnavailable, "Storage unavailable", "unavailable");
        Assert.Equal(HttpStatusCode.OK, (await node.Api.GetAsync($"/memories/get/{memory}")).Status);
        Assert.Equal(stored, await StorageFaultRun.SucceededAsync(database, memory)); // it waits: nothing is stored meanwhile
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM samples WHERE status = 'failed'")); // and nothing fails
        await PrlimitAsync(node, "unlimited:");
        TestContext.Current.TestOutputHelper?.WriteLine($"limited after {atLimit} of {StorageFaultRun.Files} samples");

        Assert.True(atLimit < StorageFaultRun.Files, $"the limit came after the last sample ({atLimit})");
        await StorageFaultRun.AssertCleanRunAsync(node, database, memory, chunks);
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"));
        Assert.Equal(HttpStatusCode.Created, (await node.Api.PostAsync("/sessions/create")).Status);
        Assert.DoesNotContain("Unhandled error", node.Output);
        // A sample read while the disk was full (through a temporary file) waited too, rather than failing as unreadable.
        Assert.DoesNotContain("Ingestion: reading sample", node.Output);
    }

    private static async Task PrlimitAsync(EngramProcess node, string bytes)
    {
        using var prlimit = Process.Start(new ProcessStartInfo("prlimit", ["--pid", node.Id.ToString(CultureInfo.InvariantCulture), $"--fsize={bytes}"])
        {
            RedirectStandardError = true,
        })!;
        var error = await prlimit.StandardError.ReadToEndAsync();
        await prlimit.WaitForExitAsync();
        Assert.True(prlimit.ExitCode == 0, error);
    }
}

/// What both faults' tests share: the ingestion they interrupt, and what a clean run ends with.
internal static class StorageFaultRun
{
    public const int Files = 12;

    public const string WaitLine = "ingestion waits and resumes when storage answers again";

    /// A vector memory with Files text files, its ingestion started; returns it and the chunks a clean run makes.
    public static async Task<(string Memory, int Chunks)> StartIngestionAsync(Api api)
    {
        var random = new Random(17);
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var files = new List<string>();
        var chunks = 0;
        for (var f = 0; f < Files; f++)
        {
            var text = TwoNodeTests.Prose(random, 60);
            chunks += Chunker.Split(text, 250, 10).Count;
            files.Add((await api.UploadFileAsync($"doc-{f}.txt", Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!);
        }
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        return (memory, chunks);
    }

    public static Task<long> SucceededAsync(ScratchDatabase database, string memory) =>
        database.CountAsync("SELECT COUNT(*) FROM samples WHERE memory_id = @memory AND status = 'success'", ("@memory", memory));

    /// Polls until `done` holds; the bound (a minute) only keeps a broken run from hanging.
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        for (var i = 0; i < 3000; i++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"never saw {what}");
    }

    /// The job ended `success` with every sample and chunk of an uninterrupted run: none failed,
    /// none left `processing`, none doubled.
    public static async Task AssertCleanRunAsync(EngramProcess node, ScratchDatabase database, string memory, int chunks)
    {
        var status = await node.Api.WaitForIngestionAsync(memory);
        // What the worker said, for whoever reads a failure.
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', node.Output.Split('\n').Where(l => l.Contains("Ingestion:", StringComparison.Ordinal))));
        Assert.Equal("success", status);
        var got = (await node.Api.GetAsync($"/memories/get/{memory}")).Data;
        Assert.Equal(Files, got.GetProperty("sampleCount").GetInt64());
        Assert.Equal(chunks, got.GetProperty("chunkCount").GetInt64());
        var samples = (await node.Api.GetAsync($"/memories/samples?memoryID={memory}&limit=50")).Data.GetProperty("samples").EnumerateArray().ToArray();
        Assert.Equal(Files, samples.Length);
        Assert.All(samples, s => Assert.Equal("success", s.GetProperty("status").GetString()));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM samples WHERE status <> 'success'"));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM jobs WHERE status <> 'success'"));
        Assert.Equal(chunks, await database.CountAsync("SELECT COUNT(*) FROM chunks"));
        Assert.Equal(0, await database.CountAsync(
            "SELECT COUNT(*) FROM (SELECT sample_id, ordinal FROM chunks GROUP BY sample_id, ordinal HAVING COUNT(*) > 1) doubled"));
    }
}
