using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Engram.Tests;

/// Issue #17, webhook receivers that fail: down, slow, hanging past the sender's 10-s timeout, or
/// answering 500. Ingestion goes on at its own pace, the memory's status is the ingestion's alone,
/// and each webhook still arrives, in order, after retries on the documented backoff.
public abstract class WebhookFaultTests(EngramServer server)
{
    public enum Receiver { Down, Slow, Failing }

    [Theory]
    [InlineData(Receiver.Down)]
    [InlineData(Receiver.Slow)]
    [InlineData(Receiver.Failing)]
    public async Task A_receiver_that_is_down_slow_or_answers_500_neither_holds_up_ingestion_nor_changes_its_status(Receiver receiver)
    {
        await using var site = await LocalSite.StartAsync();
        var release = new TaskCompletionSource();
        switch (receiver)
        {
            case Receiver.Slow:
                // Far longer than the ingestion takes, well under the sender's timeout.
                site.Handle("/hook", async context => await release.Task.WaitAsync(TimeSpan.FromSeconds(8)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing));
                break;
            case Receiver.Failing:
                site.Status("/hook", 500);
                break;
        }
        var url = receiver == Receiver.Down ? $"http://127.0.0.1:{ClosedPort()}/hook" : site.Url("/hook");
        var api = await server.NewAccountAsync();

        var clock = Stopwatch.StartNew();
        var memory = await IngestAsync(api, url, files: 4);
        TestContext.Current.TestOutputHelper?.WriteLine($"ingested with the receiver {receiver} in {clock.ElapsedMilliseconds} ms");
        var got = (await api.GetAsync($"/memories/get/{memory}")).Data;
        Assert.Equal("success", got.GetProperty("status").GetString());
        Assert.Equal(4, got.GetProperty("sampleCount").GetInt64());
        var samples = (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("samples").EnumerateArray();
        Assert.All(samples, s => Assert.Equal("success", s.GetProperty("status").GetString()));
        if (receiver == Receiver.Slow)
        {
            // Ingestion ended while the first webhook was still unanswered; once released, all of them arrive in order.
            release.SetResult();
            var bodies = await ReceivedAsync(site, "success");
            AssertInOrder(bodies);
        }
    }

    [Fact]
    public async Task A_webhook_answered_500_is_retried_on_the_backoff_and_the_ones_after_it_wait_their_turn()
    {
        await using var site = await LocalSite.StartAsync();
        var attempts = new List<(string Body, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        site.Handle("/hook", context =>
        {
            lock (attempts)
            {
                // The site keeps each body before it calls here; the first webhook fails twice, then all are accepted.
                attempts.Add((site.Received.Last().Body, clock.Elapsed));
                context.Response.StatusCode = attempts.Count <= 2 ? 500 : 200;
            }
            return Task.CompletedTask;
        });
        var api = await server.NewAccountAsync();
        await IngestAsync(api, site.Url("/hook"), files: 2);
        var bodies = await ReceivedAsync(site, "success");

        (string Body, TimeSpan At)[] tried;
        lock (attempts)
        {
            tried = [.. attempts];
        }
        Assert.Equal(tried[0].Body, tried[1].Body);
        Assert.Equal(tried[0].Body, tried[2].Body);
        // The schedule waits 1 s, then 2 s; these are lower bounds, never a limit on how slow the machine is.
        Assert.True(tried[1].At - tried[0].At >= TimeSpan.FromSeconds(0.9), $"first retry after {tried[1].At - tried[0].At}");
        Assert.True(tried[2].At - tried[1].At >= TimeSpan.FromSeconds(1.9), $"second retry after {tried[2].At - tried[1].At}");
        AssertInOrder(bodies);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_gets_the_webhook_again_after_the_sender_s_timeout()
    {
        await using var site = await LocalSite.StartAsync();
        var calls = 0;
        site.Handle("/hook", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                // Hangs until the sender gives up and drops the connection.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });
        var api = await server.NewAccountAsync();
        var clock = Stopwatch.StartNew();
        var memory = await IngestAsync(api, site.Url("/hook"), files: 1);
        var ingested = clock.Elapsed;
        var bodies = await ReceivedAsync(site, "success");
        TestContext.Current.TestOutputHelper?.WriteLine($"ingested after {ingested}, every webhook delivered after {clock.Elapsed}");
        Assert.True(clock.Elapsed >= Webhooks.WebhookSender.Timeout, "the hung delivery was retried before the timeout");
        Assert.Equal(bodies[0], bodies[1]); // the hung one, sent again
        AssertInOrder(bodies);
        Assert.Equal("success", (await api.GetAsync($"/memories/get/{memory}")).Data.GetProperty("status").GetString());
    }

    private static async Task<string> IngestAsync(Api api, string webhookUrl, int files)
    {
        var memory = (await api.CreateMemoryAsync(new { name = "hooked", memoryType = "vector", webhookUrl })).GetProperty("id").GetString()!;
        var ids = new List<string>();
        for (var i = 0; i < files; i++)
        {
            var text = TwoNodeTests.Prose(new Random(i), 20);
            ids.Add((await api.UploadFileAsync($"f{i}.txt", Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!);
        }
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = ids }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        return memory;
    }

    /// Every body the receiver got, once the last one of the job (`status`) has arrived and, when
    /// `until` is given, once it counts nothing left to send.
    public static async Task<string[]> ReceivedAsync(LocalSite site, string status, Func<Task<long>>? until = null)
    {
        for (var i = 0; i < 900; i++)
        {
            var bodies = site.Received.Select(r => r.Body).Where(b => b.Length > 0).ToArray();
            if (bodies.Any(b => Event(b).GetProperty("status").GetString() == status) && (until is null || await until() == 0))
            {
                return bodies;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"no '{status}' webhook arrived");
        return [];
    }

    /// At least once, in order: with repeats of a body right after itself set aside, the job's events
    /// run from `pending` through `processing` to one final event, never going back.
    public static void AssertInOrder(string[] bodies)
    {
        var distinct = bodies.Where((b, i) => i == 0 || b != bodies[i - 1]).Select(Event).ToArray();
        Assert.Equal("pending", distinct[0].GetProperty("status").GetString());
        string[] rank = ["pending", "processing", "success"];
        for (var i = 1; i < distinct.Length; i++)
        {
            Assert.True(Array.IndexOf(rank, distinct[i].GetProperty("status").GetString()) >= Array.IndexOf(rank, distinct[i - 1].GetProperty("status").GetString()),
                $"event {i} goes back: {string.Join(" | ", bodies)}");
            Assert.True(distinct[i].GetProperty("processedSamples").GetInt64() >= distinct[i - 1].GetProperty("processedSamples").GetInt64());
        }
        Assert.Single(distinct, e => e.GetProperty("status").GetString() is "success" or "failed");
        Assert.Equal("success", distinct[^1].GetProperty("status").GetString());
    }

    private static JsonElement Event(string body) => JsonDocument.Parse(body).RootElement.GetProperty("event").Clone();

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
