using System.Text;
using Engram.Files;

namespace Engram.Tests;

/// §9 of the contract: uploads and file records.
public abstract class FilesTests(EngramServer server)
{
    private static readonly string[] FileFields = ["id", "name", "extension", "fileType", "category", "bronzeKey", "externalURI", "userID",
        "organisationID", "size", "length", "tokens", "numSpeakers", "originRegion", "createdAt", "updatedAt"];

    [Fact]
    public async Task An_upload_takes_three_steps_and_makes_a_whole_file_record()
    {
        var api = await server.NewAccountAsync();
        var ticket = await api.PostAsync("/files/upload", """{"fileName":"Notes.TXT"}""");
        Assert.Equal(HttpStatusCode.OK, ticket.Status);
        Assert.Equal(["status", "data"], Shapes.Names(ticket.Json));
        Assert.Equal(["uploadUrl", "key"], Shapes.Names(ticket.Data));
        var key = ticket.Data.GetProperty("key").GetString()!;
        Assert.StartsWith(api.Account + "/", key);
        Assert.EndsWith(".txt", key);
        var url = new Uri(ticket.Data.GetProperty("uploadUrl").GetString()!);
        Assert.EndsWith(".txt", url.AbsolutePath);
        Assert.Contains("signature=", url.Query);
        Assert.Contains("expires=", url.Query);

        var put = await MemoryApi.PutAsync(url.ToString(), Encoding.UTF8.GetBytes("hello"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("""{"status":"success"}""", await put.Content.ReadAsStringAsync());

        var created = await api.PostAsync("/files/create", Api.Json(new { name = "Notes.TXT", key }));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var file = created.Data;
        Assert.Equal(FileFields, Shapes.Names(file));
        Assert.Matches(Shapes.UuidV7(), file.GetProperty("id").GetString());
        Assert.Equal("txt", file.GetProperty("extension").GetString());
        Assert.Equal("text", file.GetProperty("fileType").GetString());
        Assert.Equal("document", file.GetProperty("category").GetString());
        Assert.Equal(key, file.GetProperty("bronzeKey").GetString());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("externalURI").ValueKind);
        Assert.Equal(api.Account, file.GetProperty("userID").GetString());
        Assert.Equal(api.Account, file.GetProperty("organisationID").GetString());
        Assert.Equal(5, file.GetProperty("size").GetInt64());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("length").ValueKind);
        Assert.Equal(JsonValueKind.Null, file.GetProperty("tokens").ValueKind);
        Assert.Equal("local", file.GetProperty("originRegion").GetString());
        Shapes.AssertTimestamp(file.GetProperty("createdAt"));

        var fetched = await api.GetAsync($"/files/get/{file.GetProperty("id").GetString()}");
        Assert.Equal(created.Raw, fetched.Raw);
    }

    [Fact]
    public async Task A_second_put_replaces_the_bytes_and_a_put_needs_no_key()
    {
        var api = await server.NewAccountAsync();
        var ticket = await api.PostAsync("/files/upload", """{"fileName":"a.md"}""");
        var url = ticket.Data.GetProperty("uploadUrl").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await MemoryApi.PutAsync(url, new byte[10])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MemoryApi.PutAsync(url, new byte[3])).StatusCode);
        var created = await api.PostAsync("/files/create", Api.Json(new { name = "a.md", key = ticket.Data.GetProperty("key").GetString() }));
        Assert.Equal(3, created.Data.GetProperty("size").GetInt64());
        var late = await MemoryApi.PutAsync(url, new byte[7]);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("""{"error":"Upload already used by a file","status":"conflict"}""", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_altered_or_expired_signature_is_403()
    {
        var api = await server.NewAccountAsync();
        var ticket = await api.PostAsync("/files/upload", """{"fileName":"a.txt"}""");
        var url = ticket.Data.GetProperty("uploadUrl").GetString()!;
        var key = ticket.Data.GetProperty("key").GetString()!;
        var altered = url[..^1] + (url[^1] == '0' ? '1' : '0');
        await AssertForbiddenAsync(altered);
        await AssertForbiddenAsync(url.Split('?')[0]);
        await AssertForbiddenAsync(url.Replace(".txt?", ".pdf?", StringComparison.Ordinal));
        var urls = new UploadUrls(await server.Store.GetOrCreateSecretAsync("upload_url_key"));
        var expired = urls.UrlFor(server.BaseAddress.ToString(), key, DateTime.UtcNow - TimeSpan.FromHours(2));
        await AssertForbiddenAsync(expired);
        var valid = urls.UrlFor(server.BaseAddress.ToString(), key, DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await MemoryApi.PutAsync(valid, [1, 2])).StatusCode);

        static async Task AssertForbiddenAsync(string url)
        {
            var response = await MemoryApi.PutAsync(url, [1, 2, 3]);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("""{"error":"Invalid upload signature","status":"forbidden"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_put_over_the_upload_limit_is_413_and_keeps_nothing_on_any_node()
    {
        var api = await server.NewAccountAsync();
        var (small, address) = await EngramServer.StartAsync(server.DatabaseOrSkip,
            adjust: settings => settings with { Files = new() { MaxUploadBytes = 3000 } });
        await using (small)
        {
            var ticket = await api.PostAsync("/files/upload", """{"fileName":"big.txt"}""");
            var key = ticket.Data.GetProperty("key").GetString()!;
            var url = ticket.Data.GetProperty("uploadUrl").GetString()!.Replace(server.BaseAddress.ToString().TrimEnd('/'), address.ToString().TrimEnd('/'));
            foreach (var size in new[] { 3001, 50_000 })
            {
                var tooBig = await MemoryApi.PutAsync(url, new byte[size]);
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
                Assert.Equal("""{"error":"Request body too large","status":"payload_too_large"}""", await tooBig.Content.ReadAsStringAsync());
            }
            (await api.PostAsync("/files/create", Api.Json(new { name = "big.txt", key }))).AssertBadRequest("No upload found for key");
            Assert.Equal(HttpStatusCode.OK, (await MemoryApi.PutAsync(url, new byte[3000])).StatusCode);
            var created = await api.PostAsync("/files/create", Api.Json(new { name = "big.txt", key }));
            Assert.Equal(3000, created.Data.GetProperty("size").GetInt64());
            await small.StopAsync();
        }
    }

    [Fact]
    public async Task The_sweep_forgets_keys_whose_url_expired_unused_and_keeps_the_rest()
    {
        var api = await server.NewAccountAsync();
        var unused = await api.PostAsync("/files/upload", """{"fileName":"a.txt"}""");
        var used = await api.PostAsync("/files/upload", """{"fileName":"b.txt"}""");
        var usedUrl = used.Data.GetProperty("uploadUrl").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await MemoryApi.PutAsync(usedUrl, [1, 2])).StatusCode);
        var files = new FileStore(server.Store);
        var later = DateTime.UtcNow.AddHours(3);
        await files.SweepAbandonedAsync(later, later, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Forbidden, (await MemoryApi.PutAsync(unused.Data.GetProperty("uploadUrl").GetString()!, [1])).StatusCode);
        var created = await api.PostAsync("/files/create", Api.Json(new { name = "b.txt", key = used.Data.GetProperty("key").GetString() }));
        Assert.Equal(2, created.Data.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Create_needs_a_key_with_bytes_of_this_account_or_a_web_address()
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/files/create", """{"name":"x"}""")).AssertBadRequest("key or externalURI is required");
        (await api.PostAsync("/files/create", """{"key":"x"}""")).AssertBadRequest("name is required");
        (await api.PostAsync("/files/create", """{"name":"x","key":"nobody/none.txt"}""")).AssertBadRequest("No upload found for key");
        var ticket = await api.PostAsync("/files/upload", """{"fileName":"a.txt"}""");
        var key = ticket.Data.GetProperty("key").GetString();
        (await api.PostAsync("/files/create", Api.Json(new { name = "x", key }))).AssertBadRequest("No upload found for key");
        await MemoryApi.PutAsync(ticket.Data.GetProperty("uploadUrl").GetString()!, [1]);
        var other = await server.NewAccountAsync();
        (await other.PostAsync("/files/create", Api.Json(new { name = "x", key }))).AssertBadRequest("No upload found for key");
        (await api.PostAsync("/files/create", """{"name":"x","externalURI":"ftp://example.com/"}"""))
            .AssertBadRequest("externalURI must be an absolute http or https URL");
        (await api.PostAsync("/files/create", """{"name":"x","externalURI":"https://example.com/","fileType":"book"}"""))
            .AssertBadRequest("fileType must be one of: website, sitemap, website_bulk, document, text, image, audio, video, other, youtube");
    }

    [Fact]
    public async Task A_web_file_is_a_website_unless_told_and_its_alias_works()
    {
        var api = await server.NewAccountAsync();
        var site = await api.PostAsync("/files/create", """{"name":"docs","externalURI":"https://example.com/docs"}""");
        Assert.Equal(HttpStatusCode.Created, site.Status);
        Assert.Equal("website", site.Data.GetProperty("fileType").GetString());
        Assert.Equal("web", site.Data.GetProperty("category").GetString());
        Assert.Equal("https://example.com/docs", site.Data.GetProperty("externalURI").GetString());
        Assert.Equal(JsonValueKind.Null, site.Data.GetProperty("bronzeKey").ValueKind);
        var map = await api.PostAsync("/files/create", """{"name":"map","external_uri":"https://example.com/sitemap.xml","fileType":"sitemap","id":"map-1"}""");
        Assert.Equal("sitemap", map.Data.GetProperty("fileType").GetString());
        Assert.Equal("map-1", map.Data.GetProperty("id").GetString());
        (await api.PostAsync("/files/create", """{"name":"map","externalURI":"https://example.com/","id":"map-1"}"""))
            .AssertError(HttpStatusCode.Conflict, "File already exists", "conflict");
    }

    [Fact]
    public async Task List_pages_newest_first_and_filters_by_category()
    {
        var api = await server.NewAccountAsync();
        var created = new List<(string Id, string CreatedAt)>();
        for (var i = 0; i < 5; i++)
        {
            var site = await api.PostAsync("/files/create", Api.Json(new { name = $"site {i}", externalURI = $"https://example.com/{i}" }));
            created.Add((site.Data.GetProperty("id").GetString()!, site.Data.GetProperty("createdAt").GetString()!));
        }
        var uploaded = await api.UploadFileAsync("doc.txt", [65]);
        var document = uploaded.GetProperty("id").GetString()!;
        created.Add((document, uploaded.GetProperty("createdAt").GetString()!));
        // Newest first; files made in the same millisecond by id, descending (byte order), as sessions are.
        var newestFirst = created.OrderByDescending(file => file.CreatedAt, StringComparer.Ordinal)
            .ThenByDescending(file => file.Id, StringComparer.Ordinal).Select(file => file.Id).ToList();
        var first = await api.GetAsync("/files/list?limit=4");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(["files", "nextToken", "previousToken", "count"], Shapes.Names(first.Data));
        Assert.Equal(newestFirst[..4], Shapes.Ids(first.Data, "files"));
        var next = await api.GetAsync($"/files/list?limit=4&nextToken={first.Data.GetProperty("nextToken").GetString()}");
        Assert.Equal(newestFirst[4..], Shapes.Ids(next.Data, "files"));
        Assert.Equal([document], Shapes.Ids((await api.GetAsync("/files/list?category=document")).Data, "files"));
        Assert.Equal(5, (await api.GetAsync("/files/list?category=web&limit=100")).Data.GetProperty("count").GetInt32());
        Assert.Equal(6, (await api.GetAsync("/files/list?category=all&limit=100")).Data.GetProperty("count").GetInt32());
        Assert.Equal(0, (await api.GetAsync("/files/list?category=audio")).Data.GetProperty("count").GetInt32());
        (await api.GetAsync("/files/list?category=books")).AssertBadRequest("category must be one of: audio, video, web, document, other, all");
        (await api.GetAsync($"/files/list?category=web&nextToken={first.Data.GetProperty("nextToken").GetString()}"))
            .AssertBadRequest("Invalid nextToken");
    }

    [Fact]
    public async Task Get_and_delete_answer_404_for_unknown_and_foreign_files()
    {
        var api = await server.NewAccountAsync();
        var file = (await api.UploadFileAsync("a.txt", [1, 2])).GetProperty("id").GetString();
        var other = await server.NewAccountAsync();
        (await other.GetAsync($"/files/get/{file}")).AssertError(HttpStatusCode.NotFound, "File not found", "not_found");
        (await other.DeleteAsync($"/files/delete/{file}")).AssertError(HttpStatusCode.NotFound, "File not found", "not_found");
        var deleted = await api.DeleteAsync($"/files/delete/{file}");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("""{"status":"success","message":"File deleted successfully"}""", deleted.Raw);
        (await api.GetAsync($"/files/get/{file}")).AssertError(HttpStatusCode.NotFound, "File not found", "not_found");
    }

    [Fact]
    public async Task Upload_needs_a_plain_file_name()
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/files/upload", "{}")).AssertBadRequest("fileName is required");
        (await api.PostAsync("/files/upload", """{"fileName":"a/b.txt"}""")).AssertBadRequest("fileName must be 1-255 characters without / or \\");
        (await api.PostAsync("/files/upload", Api.Json(new { fileName = new string('a', 256) })))
            .AssertBadRequest("fileName must be 1-255 characters without / or \\");
        (await server.Anonymous().PostAsync("/files/upload", """{"fileName":"a.txt"}"""))
            .AssertError(HttpStatusCode.Unauthorized, "API key is required", "unauthorized");
    }
}
