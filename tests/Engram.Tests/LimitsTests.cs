namespace Engram.Tests;

/// The optional per-key rate limit and the keys that are never stored.
public abstract class LimitsTests(EngramServer server)
{
    [Fact]
    public async Task Over_the_rate_limit_a_key_gets_429_with_retry_after_while_other_keys_and_health_do_not()
    {
        var busy = await server.NewAccountAsync();
        var quiet = await server.NewAccountAsync();
        var (limited, address) = await EngramServer.StartAsync(server.DatabaseOrSkip, rateLimitPerSecond: 5);
        await using (limited)
        {
            using var http = new HttpClient();
            var onBusy = new Api(http, address, busy.Key, busy.Account);
            // Until the first refusal: the burst of 5 goes through, then the bucket refills 5 a second,
            // so how many pass depends on how long the requests took, which a loaded machine stretches.
            var statuses = new List<ApiResponse>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (statuses.Count < 1000 && statuses.All(r => r.Status == HttpStatusCode.OK))
            {
                statuses.Add(await onBusy.GetAsync("/sessions/list"));
            }
            var passed = statuses.Count(r => r.Status == HttpStatusCode.OK);
            Assert.InRange(passed, 5, 5 + 5 * ((int)clock.Elapsed.TotalSeconds + 1));
            var refused = statuses[^1];
            refused.AssertError(HttpStatusCode.TooManyRequests, "Too many requests", "too_many_requests");
            Assert.True(int.Parse(refused.Message.Headers.GetValues("Retry-After").Single()) >= 1);

            Assert.Equal(HttpStatusCode.OK, (await new Api(http, address, quiet.Key, quiet.Account).GetAsync("/sessions/list")).Status);
            Assert.Equal(HttpStatusCode.OK, (await new Api(http, address, null, "").GetAsync("/healthz")).Status);
            (await new Api(http, address, "ek_unknown_key_00000000000000000", "").GetAsync("/sessions/list"))
                .AssertError(HttpStatusCode.Forbidden, "Invalid API key", "forbidden");
            await limited.StopAsync();
        }
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_rate_limit()
    {
        var api = await server.NewAccountAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => api.GetAsync("/healthz")));
        var listed = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => api.GetAsync("/sessions/list?limit=1")));
        Assert.All(responses.Concat(listed), r => Assert.Equal(HttpStatusCode.OK, r.Status));
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var api = await server.NewAccountAsync();
        var stored = await server.Store.FindApiKeysAsync(Auth.ApiKeyHasher.PrefixOf(api.Key!));
        var key = Assert.Single(stored, k => k.AccountId == api.Account);
        Assert.Equal(32, key.Hash.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(api.Key!)), key.Hash);
        Assert.Equal(12, key.Prefix.Length);
        Assert.DoesNotContain(api.Key!, string.Join("|", (await server.Store.ListApiKeysAsync()).Select(k => $"{k.Prefix}{k.AccountId}")));
    }

    [Fact]
    public async Task Oversized_request_lines_and_headers_are_refused_by_the_server_not_served()
    {
        var api = await server.NewAccountAsync();
        var longLine = await api.GetAsync("/sessions/get/" + new string('x', 9 * 1024));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, longLine.Status);
        var bigHeaders = await api.SendAsync(HttpMethod.Get, "/sessions/list",
            configure: r => r.Headers.TryAddWithoutValidation("X-Padding", new string('p', 40 * 1024)));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, bigHeaders.Status);
        var manyHeaders = await api.SendAsync(HttpMethod.Get, "/sessions/list", configure: r =>
        {
            for (var i = 0; i < 80; i++)
            {
                r.Headers.TryAddWithoutValidation($"X-H{i}", "v");
            }
        });
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, manyHeaders.Status);
    }
}
