using System.Text;
using Engram.Webhooks;

namespace Engram.Tests;

/// Issue #17, isolation in the memory half: two accounts with colliding ids (memory `m`, file `f`,
/// session `s`). Nothing of one is readable, listable, queryable, ingestible, deletable or
/// webhooked by the other: not through ids, page tokens, upload keys, sample ids or `sources`.
public abstract class MemoryIsolationTests(EngramServer server)
{
    [Fact]
    public async Task Two_accounts_with_colliding_ids_never_see_or_touch_each_other_s_memory()
    {
        await using var receiver = await LocalSite.StartAsync();
        receiver.Status("/a", 200);
        receiver.Status("/b", 200);
        var a = await server.NewAccountAsync();
        var b = await server.NewAccountAsync();
        var aKey = await SetUpAsync(a, receiver.Url("/a"), "The saffron orchard belongs to Ada.");
        var bKey = await SetUpAsync(b, receiver.Url("/b"), "The cobalt engine belongs to Bea.");

        // Each account's query, through the same ids, finds its own content only, and its own sources.
        foreach (var (api, own, foreign) in new[] { (a, "saffron orchard", "cobalt engine"), (b, "cobalt engine", "saffron orchard") })
        {
            var answer = await api.QueryAsync("m", own + " " + foreign, topK: 50);
            var text = string.Join(" | ", answer.GetProperty("payload").EnumerateArray().Select(p => p.GetProperty("content").GetString()));
            Assert.Contains(own, text);
            Assert.DoesNotContain(foreign, text);
            Assert.All(answer.GetProperty("sources").EnumerateArray(), s => Assert.Contains(s.GetProperty("id").GetString(), new[] { "f", OwnMessage(api) }));
            var file = (await api.GetAsync("/files/get/f")).Data;
            Assert.Equal(api.Account, file.GetProperty("userID").GetString());
        }

        // B with A's upload key, A's page tokens and A's sample ids.
        (await b.PostAsync("/files/create", Api.Json(new { name = "stolen.txt", key = aKey }))).AssertBadRequest("No upload found for key");
        foreach (var list in new[] { "/files/list", "/memories/list", "/memories/samples?memoryID=m" })
        {
            var page = await a.GetAsync(list + (list.Contains('?') ? "&" : "?") + "limit=1");
            if (page.Data.GetProperty("nextToken").GetString() is { } token)
            {
                var foreign = await b.GetAsync(list + (list.Contains('?') ? "&" : "?") + $"limit=1&nextToken={Uri.EscapeDataString(token)}");
                Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
            }
        }
        var aSamples = (await a.GetAsync("/memories/samples?memoryID=m")).Data.GetProperty("samples").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()!).ToArray();
        var bSamples = (await b.GetAsync("/memories/samples?memoryID=m")).Data.GetProperty("samples").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()!).ToArray();
        Assert.Empty(aSamples.Intersect(bSamples));
        foreach (var sample in aSamples)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/files/get/{sample}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/memories/delete-file?memoryID={sample}&fileID=f")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/memory?memoryID={sample}&query=saffron")).Status);
        }

        // B's deletes of the colliding ids delete B's records only.
        Assert.Equal(HttpStatusCode.OK, (await b.DeleteAsync("/memories/delete-file?memoryID=m&fileID=f")).Status);
        Assert.Equal(HttpStatusCode.OK, (await b.DeleteAsync("/files/delete/f")).Status);
        Assert.Equal(HttpStatusCode.OK, (await b.DeleteAsync($"/messages/delete/{OwnMessage(b)}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await b.DeleteAsync("/memories/delete/m")).Status);
        var still = await a.QueryAsync("m", "saffron orchard Ada");
        Assert.Contains("f", still.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Contains(OwnMessage(a), (await a.QueryAsync("m", "Ada's parrot")).GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/memory?memoryID=m&query=saffron")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync("/memories/start-ingestion", """{"memoryID":"m"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync("/memories/add-files", """{"memoryID":"m","files":["f"]}""")).Status);
        var bMemory = (await b.CreateMemoryAsync()).GetProperty("id").GetString()!;
        (await b.PostAsync("/memories/add-files", Api.Json(new { memoryID = bMemory, files = new[] { "f" } })))
            .AssertError(HttpStatusCode.NotFound, "File not found", "not_found");
        (await b.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = bMemory, sessions = new[] { "s-a" } })))
            .AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");

        // Each receiver got its own account's webhooks only, each signed with that account's secret.
        await WebhookFaultTests.ReceivedAsync(receiver, "success");
        var aSecret = await WebhookSecrets.GetAsync(server.Store, a.Account, CancellationToken.None);
        var bSecret = await WebhookSecrets.GetAsync(server.Store, b.Account, CancellationToken.None);
        foreach (var (path, body, signature) in receiver.Received)
        {
            var t = DateTimeOffset.FromUnixTimeSeconds(long.Parse(signature!.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(path == "/a", WebhookSecrets.Sign(aSecret, body, t) == signature);
            Assert.Equal(path == "/b", WebhookSecrets.Sign(bSecret, body, t) == signature);
        }
    }

    private readonly Dictionary<string, string> _messages = [];

    private string OwnMessage(Api api) => _messages[api.Account];

    /// Memory `m` with file `f` and session `s-<account's letter>`, all ingested; answers the account's used upload key.
    private async Task<string> SetUpAsync(Api api, string webhookUrl, string text)
    {
        var owner = text.Split(' ')[^1].TrimEnd('.');
        await api.CreateMemoryAsync(new { id = "m", name = "m", memoryType = "vector", webhookUrl });
        var file = await api.UploadFileAsync("notes.txt", Encoding.UTF8.GetBytes(text), id: "f");
        await api.CreateSessionAsync(new { id = "s-" + owner[0].ToString().ToLowerInvariant() });
        _messages[api.Account] = (await api.CreateMessageAsync("s-" + owner[0].ToString().ToLowerInvariant(), $"{owner}'s parrot is called Captain."))
            .GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", """{"memoryID":"m","files":["f"]}""")).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-sessions",
            Api.Json(new { memoryID = "m", sessions = new[] { "s-" + owner[0].ToString().ToLowerInvariant() } }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", """{"memoryID":"m"}""")).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync("m"));
        return file.GetProperty("bronzeKey").GetString()!;
    }
}
