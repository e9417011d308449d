using System.Text;
using Engram.Client;

namespace Engram.Tests;

/// Engram.Client's memory half against the real server: files (the three-step upload among them),
/// memories, ingestion followed to the end, and GET /memory.
public abstract class MemoryClientTests(EngramServer server)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    /// A client that polls ingestion often, so a test waits for the job and not for the poll.
    private async Task<(Api Api, EngramClient Client, RecordingHandler Requests)> NewClientAsync(int losePutAnswers = 0)
    {
        var api = await server.NewAccountAsync();
        var requests = new RecordingHandler(losePutAnswers);
        var client = new EngramClient(new HttpClient(requests), new EngramClientOptions
        {
            BaseAddress = server.BaseAddress,
            ApiKey = api.Key!,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            IngestionPollInterval = TimeSpan.FromMilliseconds(50),
        });
        return (api, client, requests);
    }

    [Fact]
    public async Task UploadAsync_takes_the_three_steps_and_the_put_carries_no_api_key()
    {
        var (api, client, requests) = await NewClientAsync();
        var content = "The lighthouse keeper logs the weather at dawn.";
        using var stream = Text(content);
        var id = NewId("f");
        var file = await client.Files.UploadAsync(new UploadFileRequest { Content = stream, FileName = "log.txt", Id = id });

        Assert.Equal(id, file.Id);
        Assert.Equal("log.txt", file.Name);
        Assert.Equal("txt", file.Extension);
        Assert.Equal(FileTypes.Text, file.FileType);
        Assert.Equal(FileCategories.Document, file.Category);
        Assert.EndsWith(".txt", file.BronzeKey);
        Assert.Null(file.ExternalUri);
        Assert.Equal(Encoding.UTF8.GetByteCount(content), file.Size);
        Assert.Equal((api.Account, api.Account, "local"), (file.UserId, file.OrganisationId, file.OriginRegion));
        Assert.True(stream.CanRead); // the caller's stream is not disposed

        Assert.Equal(["POST /files/upload", "PUT", "POST /files/create"], requests.Seen.Select(r => r.Method == "PUT" ? "PUT" : $"{r.Method} {r.Path}"));
        Assert.All(requests.Seen, r => Assert.Equal(r.Method != "PUT", r.HadKey));
        Assert.Equal(file, await client.Files.GetAsync(id));
    }

    [Fact]
    public async Task UploadAsync_from_a_path_names_the_file_after_it_and_a_stream_that_cannot_seek_uploads_too()
    {
        var (_, client, _) = await NewClientAsync();
        var path = Path.Combine(Path.GetTempPath(), $"engram-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(path, "# Minutes\nThe board met on Tuesday.");
        try
        {
            var named = await client.Files.UploadAsync(path);
            Assert.Equal((Path.GetFileName(path), "md"), (named.Name, named.Extension));
            var renamed = await client.Files.UploadAsync(path, "minutes");
            Assert.Equal("minutes", renamed.Name);
        }
        finally
        {
            File.Delete(path);
        }

        await using var oneWay = new OneWayStream(Encoding.UTF8.GetBytes("streamed once"));
        var streamed = await client.Files.UploadAsync(new UploadFileRequest { Content = oneWay, FileName = "once.txt", Name = "once" });
        Assert.Equal(("once", 13L), (streamed.Name, streamed.Size));
    }

    [Fact]
    public async Task CreateAsync_makes_a_file_for_a_url_and_names_what_is_missing()
    {
        var (_, client, _) = await NewClientAsync();
        var page = await client.Files.CreateAsync(new CreateFileRequest { Name = "Docs", ExternalUri = "https://example.com/docs" });
        Assert.Equal((FileTypes.Website, FileCategories.Web, "https://example.com/docs"), (page.FileType, page.Category, page.ExternalUri));
        Assert.Null(page.BronzeKey);
        Assert.Null(page.Size);
        var sitemap = await client.Files.CreateAsync(new CreateFileRequest
        {
            Name = "Map", ExternalUri = "https://example.com/sitemap.xml", FileType = FileTypes.Sitemap,
        });
        Assert.Equal(FileTypes.Sitemap, sitemap.FileType);

        var missing = await Assert.ThrowsAsync<EngramException>(() => client.Files.CreateAsync(new CreateFileRequest { Name = "nothing" }));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request", "key or externalURI is required"), (missing.StatusCode, missing.Status, missing.Error));
        var foreign = await Assert.ThrowsAsync<EngramException>(() => client.Files.CreateAsync(new CreateFileRequest { Name = "x", Key = "someone/else.txt" }));
        Assert.Equal("No upload found for key", foreign.Error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Files_listed_by_category_walk_every_page_both_ways(int seed)
    {
        var (api, client, _) = await NewClientAsync();
        var random = new Random(seed);
        var web = new List<string>();
        for (int i = 0, count = random.Next(3, 9); i < count; i++)
        {
            if (random.Next(2) == 0)
            {
                web.Add((await client.Files.CreateAsync(new CreateFileRequest { Name = $"p{i}", ExternalUri = $"https://example.com/{i}" })).Id);
            }
            else
            {
                await client.Files.UploadAsync(new UploadFileRequest { Content = Text($"note {i}"), FileName = $"n{i}.txt" });
            }
        }
        var limit = random.Next(1, 4);
        var forward = new List<FileList>();
        await foreach (var listed in client.Files.ListPagesAsync(new ListFilesRequest { Category = FileCategories.Web, Limit = limit }))
        {
            forward.Add(listed);
        }
        var ids = forward.SelectMany(p => p.Files).Select(f => f.Id).ToArray();
        Assert.Equal(await Walker.AllAsync(api, "/files/list", "files", "category=web"), ids);
        Assert.Equal(web.Order(), ids.Order());
        Assert.All(forward.SelectMany(p => p.Files), f => Assert.Equal(FileCategories.Web, f.Category));

        if (forward[^1].PreviousToken is { } back)
        {
            var backward = new List<string>();
            await foreach (var listed in client.Files.ListPagesAsync(
                new ListFilesRequest { Category = FileCategories.Web, Limit = limit, PreviousToken = back }, PageDirection.Backward))
            {
                backward.InsertRange(0, listed.Files.Select(f => f.Id));
            }
            Assert.Equal(ids[..^forward[^1].Count], backward);
        }
        var bad = await Assert.ThrowsAsync<EngramException>(() => client.Files.ListAsync(new ListFilesRequest { Category = "films" }));
        Assert.Equal("category must be one of: audio, video, web, document, other, all", bad.Error);
    }

    [Fact]
    public async Task A_deleted_file_is_gone()
    {
        var (_, client, _) = await NewClientAsync();
        var file = await client.Files.UploadAsync(new UploadFileRequest { Content = Text("short-lived"), FileName = "tmp.txt" });
        await client.Files.DeleteAsync(file.Id);
        var gone = await Assert.ThrowsAsync<EngramException>(() => client.Files.GetAsync(file.Id));
        Assert.Equal((HttpStatusCode.NotFound, "File not found"), (gone.StatusCode, gone.Error));
        await Assert.ThrowsAsync<EngramException>(() => client.Files.DeleteAsync(file.Id));
    }

    [Fact]
    public async Task An_upload_put_whose_answer_was_lost_is_sent_again_from_the_start_of_the_stream()
    {
        var (_, client, requests) = await NewClientAsync(losePutAnswers: 1);
        var bytes = Encoding.UTF8.GetBytes("sent twice, kept once");
        using var stream = new MemoryStream(bytes);
        var file = await client.Files.UploadAsync(new UploadFileRequest { Content = stream, FileName = "twice.txt" });
        Assert.Equal(2, requests.Seen.Count(r => r.Method == "PUT"));
        Assert.Equal(bytes.Length, file.Size);
    }

    [Fact]
    public async Task An_upload_from_a_stream_that_cannot_seek_is_not_sent_twice()
    {
        var (_, client, requests) = await NewClientAsync(losePutAnswers: 1);
        await using var oneWay = new OneWayStream(Encoding.UTF8.GetBytes("only once"));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.Files.UploadAsync(new UploadFileRequest { Content = oneWay, FileName = "once.txt" }));
        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
        Assert.Single(requests.Seen, r => r.Method == "PUT");
        Assert.DoesNotContain(requests.Seen, r => r.Path == "/files/create");
    }

    /// Records each request's method, path and whether it carried X-API-Key; loses the answers of
    /// the first `losePutAnswers` PUTs after they ran, as a dropped connection would.
    private sealed class RecordingHandler(int losePutAnswers) : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<(string Method, string Path, bool HadKey)> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool lose;
            lock (Seen)
            {
                Seen.Add((request.Method.Method, request.RequestUri!.AbsolutePath, request.Headers.Contains("X-API-Key")));
                lose = request.Method == HttpMethod.Put && losePutAnswers-- > 0;
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (lose)
            {
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The answer was lost (injected)");
            }
            return response;
        }
    }

    /// A stream that can only be read forward, like a network stream.
    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
