namespace Engram.Tests;

/// Generated bad input at every endpoint: never a 500, always the contract's envelope, and a
/// rejected create never leaves anything behind.
public abstract class HostileInputTests(EngramServer server)
{
    private static readonly string[] Creates = ["/sessions/create", "/messages/create", "/users/create"];

    private static void AssertEnvelope(ApiResponse response, string what)
    {
        Assert.True((int)response.Status < 500, $"{(int)response.Status} for {what}: {response.Raw}");
        if ((int)response.Status >= 400)
        {
            Assert.Equal(["error", "status"], Shapes.Names(response.Json));
            Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("error").GetString()));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_bodies_at_every_create_are_answered_in_the_envelope_and_only_201s_leave_records(int seed)
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        var input = new HostileInput(seed);
        var created = new Dictionary<string, int> { ["/sessions/create"] = 1, ["/messages/create"] = 0, ["/users/create"] = 0 };
        for (var i = 0; i < 250; i++)
        {
            var path = input.Pick(Creates);
            var raw = input.Next(8) == 0;
            var body = raw ? null : input.Body();
            var response = raw
                ? await api.SendAsync(HttpMethod.Post, path, configure: r => r.Content = new ByteArrayContent(input.RawBody()))
                : await api.PostAsync(path, body);
            AssertEnvelope(response, $"{path} {body}");
            if (response.Status == HttpStatusCode.Created)
            {
                created[path]++;
            }
        }
        Assert.Equal(created["/sessions/create"], (await Walker.AllAsync(api, "/sessions/list", "sessions")).Length);
        Assert.Equal(created["/messages/create"], (await api.GetAsync("/messages/list")).Data.GetProperty("totalCount").GetInt64());
        Assert.Equal(created["/users/create"], (await Walker.AllAsync(api, "/users/list", "users")).Length);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Random_query_strings_on_every_list_never_reach_a_500(int seed)
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s", customerUserID = "c" });
        await api.CreateMessageAsync("s", "hello");
        var input = new HostileInput(seed);
        foreach (var list in new[] { "/sessions/list", "/messages/list", "/users/list" })
        {
            for (var i = 0; i < 80; i++)
            {
                var url = $"{list}?{input.Query()}";
                AssertEnvelope(await api.GetAsync(url), url);
            }
        }
    }

    [Fact]
    public async Task Random_paths_and_methods_never_reach_a_500()
    {
        var api = await server.NewAccountAsync();
        var input = new HostileInput(6);
        string[] prefixes = ["/sessions/get/", "/sessions/delete/", "/sessions/end/", "/messages/get/", "/messages/delete/",
            "/users/get/", "/users/delete/", "/", "/sessions/", "/nope/"];
        HttpMethod[] methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Head, HttpMethod.Options];
        for (var i = 0; i < 300; i++)
        {
            var path = input.Pick(prefixes) + input.Segment() + (input.Next(4) == 0 ? "/" + input.Segment() : "");
            var method = input.Pick(methods);
            var response = await api.SendAsync(method, path, input.Next(3) == 0 ? input.Body() : null);
            Assert.True((int)response.Status < 500, $"{(int)response.Status} for {method} {path}: {response.Raw}");
            if (!response.Message.Headers.Contains("X-Request-Id"))
            {
                // Kestrel refused the request line (say, an encoded NUL) before any of Engram ran;
                // its bodiless 400 is the one answer the application cannot shape.
                Assert.Equal(HttpStatusCode.BadRequest, response.Status);
                continue;
            }
            if (method != HttpMethod.Head && (int)response.Status >= 400)
            {
                Assert.Equal(["error", "status"], Shapes.Names(response.Json));
            }
        }
    }

    [Fact]
    public async Task Random_keys_are_refused_with_403_and_never_reach_a_handler()
    {
        _ = await server.NewAccountAsync();
        var random = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            var key = new string(Enumerable.Range(0, random.Next(1, 300)).Select(_ => (char)random.Next(0x21, 0x7f)).ToArray());
            var response = await server.Anonymous(key).PostAsync("/sessions/create", "{bad json");
            response.AssertError(HttpStatusCode.Forbidden, "Invalid API key", "forbidden");
        }
    }
}
