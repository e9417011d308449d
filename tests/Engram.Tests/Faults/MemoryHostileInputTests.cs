namespace Engram.Tests;

/// Issue #17, generated bad input at every endpoint of the memory half: random JSON with the right
/// names and the wrong values, path tricks in keys and file names, odd Unicode, hostile query
/// strings, forged upload signatures. Never a 500, always the envelope, and only a 2xx leaves anything.
public abstract class MemoryHostileInputTests(EngramServer server)
{
    private static readonly string[] Fields = ["fileName", "name", "key", "externalURI", "external_uri", "fileType", "id", "memoryID",
        "files", "sessions", "customerUserID", "memoryType", "ontology", "chunkSize", "chunkOverlap", "webhookUrl", "acceleration",
        "factExtraction", "description"];

    private static readonly string[] Posts = ["/files/upload", "/files/create", "/memories/create", "/memories/add-files",
        "/memories/add-sessions", "/memories/start-ingestion"];

    public static void AssertEnvelope(ApiResponse response, string what)
    {
        Assert.True((int)response.Status < 500, $"{(int)response.Status} for {what}: {response.Raw}");
        if ((int)response.Status >= 400)
        {
            Assert.Equal(["error", "status"], Shapes.Names(response.Json));
            Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("error").GetString()));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Random_bodies_at_every_memory_post_are_answered_in_the_envelope_and_only_201s_leave_records(int seed)
    {
        var api = await server.NewAccountAsync();
        // Real ids for the generator to hit now and then, so that some calls get past the 404s.
        var memory = (await api.CreateMemoryAsync(new { id = "m", name = "m", memoryType = "vector" })).GetProperty("id").GetString()!;
        await api.UploadFileAsync("f.txt", "hello"u8.ToArray(), id: "f");
        await api.CreateSessionAsync(new { id = "s" });
        var input = new HostileInput(seed, Fields);
        var created = new Dictionary<string, int> { ["/files/create"] = 1, ["/memories/create"] = 1 };
        for (var i = 0; i < 300; i++)
        {
            var path = input.Pick(Posts);
            var raw = input.Next(8) == 0;
            var body = raw ? null : input.Next(5) == 0 ? Near(input, memory) : input.Body();
            var response = raw
                ? await api.SendAsync(HttpMethod.Post, path, configure: r => r.Content = new ByteArrayContent(input.RawBody()))
                : await api.PostAsync(path, body);
            AssertEnvelope(response, $"{path} {body}");
            if (response.Status == HttpStatusCode.Created && created.TryGetValue(path, out var count))
            {
                created[path] = count + 1;
            }
        }
        Assert.Equal(created["/files/create"], (await Walker.AllAsync(api, "/files/list", "files")).Length);
        Assert.Equal(created["/memories/create"], (await Walker.AllAsync(api, "/memories/list", "memories")).Length);
    }

    /// A body close to a valid one: the right ids, one field wrong.
    private static string Near(HostileInput input, string memory) => input.Next(4) switch
    {
        0 => Api.Json(new { memoryID = memory, files = new object[] { "f", input.Pick(new object[] { 1, "", "../f", new string('f', 300) }) } }),
        1 => Api.Json(new { name = input.Pick(new[] { "../../x.txt", "a\u0000b", new string('ü', 600), "😀.pdf" }), key = "../" + memory }),
        2 => Api.Json(new { fileName = input.Pick(new[] { "../x.txt", "a\\b.txt", "", new string('x', 256), "\u202etxt.exe", ".", ".." }) }),
        _ => Api.Json(new { name = "x", externalURI = input.Pick(new[] { "file:///etc/passwd", "ftp://x/y", "http://", "javascript:alert(1)", "//evil" }) }),
    };

    [Theory]
    [InlineData(14)]
    [InlineData(15)]
    public async Task Random_query_strings_on_retrieval_and_the_memory_lists_never_reach_a_500(int seed)
    {
        var api = await server.NewAccountAsync();
        var (memory, _) = await api.IngestedMemoryAsync(("notes.txt", "The harbour lantern was copper. The meadow was violet."));
        var random = new Random(seed);
        string[] names = ["memoryID", "query", "top_k", "assisted", "facts", "category", "limit", "nextToken", "previousToken", "other"];
        string[] values = ["", memory, "0", "5", "51", "-1", "1.5", "True", "yes", "%00", "%FF%FE", "%ED%A0%80", "AQEB", "../m",
            new string('q', 2001), new string('q', 2000), string.Concat(Enumerable.Repeat("%F0%9F%98%80", 600)),
            string.Concat(Enumerable.Repeat("e%CC%81", 900)), "harbour", "%E2%80%AE", "web", "all", "document"];
        foreach (var path in new[] { "/memory", "/memory/", "/files/list", "/memories/list", "/memories/samples" })
        {
            for (var i = 0; i < 60; i++)
            {
                var query = string.Join("&", Enumerable.Range(0, random.Next(0, 6))
                    .Select(_ => $"{names[random.Next(names.Length)]}={values[random.Next(values.Length)]}"));
                var response = await api.GetAsync($"{path}?{query}");
                Assert.True((int)response.Status < 500, $"{(int)response.Status} for {path}?{query}: {response.Raw}");
            }
        }
    }

    [Fact]
    public async Task Forged_altered_and_traversing_upload_urls_are_refused_and_store_nothing()
    {
        var api = await server.NewAccountAsync();
        var other = await server.NewAccountAsync();
        var ticket = await api.PostAsync("/files/upload", """{"fileName":"real.txt"}""");
        var url = new Uri(ticket.Data.GetProperty("uploadUrl").GetString()!);
        var key = ticket.Data.GetProperty("key").GetString()!;
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var origin = url.GetLeftPart(UriPartial.Authority);
        var random = new Random(16);
        var forged = new List<string>
        {
            $"{origin}/files/upload/{key}",
            $"{origin}/files/upload/{key}?expires={query["expires"]}",
            $"{origin}/files/upload/{key}?expires={long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture) + 3600}&signature={query["signature"]}",
            $"{origin}/files/upload/{key}?expires=-1&signature={query["signature"]}",
            $"{origin}/files/upload/{key}?expires=99999999999999999999&signature={query["signature"]}",
            $"{origin}/files/upload/{key}?expires={query["expires"]}&signature=",
            $"{origin}/files/upload/{key}?expires={query["expires"]}&signature={query["signature"]}&signature=00",
            $"{origin}/files/upload/{other.Account}/{key.Split('/')[1]}?{url.Query.TrimStart('?')}",
            $"{origin}/files/upload/{key}/../../{other.Account}/x.txt?{url.Query.TrimStart('?')}",
            $"{origin}/files/upload/..%2F..%2Fetc%2Fpasswd?{url.Query.TrimStart('?')}",
            $"{origin}/files/upload/{key.Replace("/", "%2F", StringComparison.Ordinal)}%00.txt?{url.Query.TrimStart('?')}",
            $"{origin}/files/upload/?{url.Query.TrimStart('?')}",
        };
        for (var i = 0; i < 30; i++)
        {
            // The signature with one hex digit changed at a random place.
            var signature = query["signature"]!.ToCharArray();
            var at = random.Next(signature.Length);
            signature[at] = signature[at] == '0' ? '1' : '0';
            forged.Add($"{origin}/files/upload/{key}?expires={query["expires"]}&signature={new string(signature)}");
        }
        foreach (var attempt in forged)
        {
            var put = await MemoryApi.PutAsync(attempt, "forged bytes"u8.ToArray());
            Assert.True((int)put.StatusCode is 400 or 401 or 403 or 404 or 405, $"{(int)put.StatusCode} for {attempt}: {await put.Content.ReadAsStringAsync()}");
        }
        // Nothing was stored under the real key, nor under any other.
        (await api.PostAsync("/files/create", Api.Json(new { name = "real.txt", key }))).AssertBadRequest("No upload found for key");
        Assert.Empty(await Walker.AllAsync(other, "/files/list", "files"));
    }
}
