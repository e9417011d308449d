using System.IO.Compression;
using System.Text;
using Engram.Auth;
using Engram.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests;

/// Issue #17, hostile documents through the whole pipeline (upload, create, add, ingest): a zip
/// bomb as a docx, HTML nested a hundred thousand deep, PDFs that break their reader, bytes that
/// are not what their extension says, a sitemap that lists itself, addresses in private networks.
/// Each sample ends success or failed with its reason; the job ends; the memory still answers.
public abstract class HostileDocumentTests(EngramServer server, HostileDocumentTests.Node node) : IClassFixture<HostileDocumentTests.Node>
{
    /// A server of the suite's own with four workers: a document that holds one worker for long
    /// shows up as its own failure, and holds up neither the other cases nor the shared server's queue.
    public sealed class Node : IAsyncDisposable
    {
        private readonly SemaphoreSlim _starting = new(1);
        private ScratchDatabase? _database;
        private Microsoft.AspNetCore.Builder.WebApplication? _app;
        private readonly HttpClient _http = new();
        private Api? _api;

        public async Task<Api> ApiAsync(EngramServer backend)
        {
            await _starting.WaitAsync();
            try
            {
                if (_api is null)
                {
                    _database = StoreFactory.IsPostgres(backend.DatabaseOrSkip) ? await ScratchDatabase.PostgresAsync() : ScratchDatabase.Sqlite();
                    (_app, var address) = await EngramServer.StartAsync(_database.Connection,
                        adjust: s => s with { Ingestion = new() { AllowPrivateNetworks = true, Workers = 4 } });
                    var key = ApiKeyHasher.NewKey();
                    await StartupKey.AddAsync(_app.Services.GetRequiredService<IStore>(), "hostile", key, CancellationToken.None);
                    _api = new Api(_http, address, key, "hostile");
                }
                return _api;
            }
            finally
            {
                _starting.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
            _http.Dispose();
            _starting.Dispose();
        }
    }

    [Theory]
    [InlineData("bomb.docx")]
    [InlineData("nested.html")]
    [InlineData("garbage.pdf")]
    [InlineData("truncated.pdf")]
    [InlineData("noise.docx")]
    [InlineData("deep.json")]
    [InlineData("latin1.md")]
    [InlineData("empty.txt")]
    [InlineData("nuls.csv")]
    [InlineData("sitemap listing itself")]
    [InlineData("sitemap index listing itself")]
    [InlineData("page nested 100,000 deep")]
    [InlineData("crawl of a sitemap")]
    [InlineData("missing page")]
    public async Task A_hostile_document_ends_its_sample_with_a_status_and_never_leaves_the_job_stuck(string document)
    {
        var api = await node.ApiAsync(server);
        await using var site = await LocalSite.StartAsync();
        site.Page("/sitemap.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>{site.Url("/sitemap.xml")}</loc></url>
              <url><loc>{site.Url("/page")}</loc></url>
              <url><loc>{site.Url("/sitemap.xml")}</loc></url>
            </urlset>
            """, "application/xml");
        site.Page("/index.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>{site.Url("/index.xml")}</loc></sitemap>
              <sitemap><loc>{site.Url("/sitemap.xml")}</loc></sitemap>
            </sitemapindex>
            """, "application/xml");
        site.Page("/page", "<html><body><p>The granite quarry opens at dawn.</p></body></html>");
        site.Page("/nested", Nested(100_000));

        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var file = document switch
        {
            "bomb.docx" => await UploadAsync(api, document, ZipBomb()),
            "nested.html" => await UploadAsync(api, document, Encoding.UTF8.GetBytes(Nested(100_000))),
            "garbage.pdf" => await UploadAsync(api, document, [.. "%PDF-1.7\n"u8, .. Noise(20_000, 1)]),
            "truncated.pdf" => await UploadAsync(api, document,
                "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nxref\n0 99999999\ntrailer << /Root 1 0 R /Size 99999999 >>\nstartxref\n9\n%%EOF"u8.ToArray()),
            "noise.docx" => await UploadAsync(api, document, Noise(5_000, 2)),
            "deep.json" => await UploadAsync(api, document, Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
            "latin1.md" => await UploadAsync(api, document, [0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x00, 0x41]),
            "empty.txt" => await UploadAsync(api, document, []),
            "nuls.csv" => await UploadAsync(api, document, new byte[4096]),
            "sitemap listing itself" => await CreateAsync(api, new { name = document, externalURI = site.Url("/sitemap.xml"), fileType = "sitemap" }),
            "sitemap index listing itself" => await CreateAsync(api, new { name = document, externalURI = site.Url("/index.xml"), fileType = "sitemap" }),
            "page nested 100,000 deep" => await CreateAsync(api, new { name = document, externalURI = site.Url("/nested") }),
            "crawl of a sitemap" => await CreateAsync(api, new { name = document, externalURI = site.Url("/sitemap.xml"), fileType = "website_bulk" }),
            _ => await CreateAsync(api, new { name = document, externalURI = site.Url("/missing") }),
        };
        var fine = await UploadAsync(api, "fine.txt", "The copper lantern hangs in the harbour."u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file, fine } }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));

        var samples = (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("samples").EnumerateArray().ToArray();
        Assert.Equal(2, samples.Length);
        foreach (var sample in samples)
        {
            var status = sample.GetProperty("status").GetString();
            TestContext.Current.TestOutputHelper?.WriteLine($"{document}: {status} {sample.GetProperty("error")}");
            Assert.True(status is "success" or "failed", $"sample {sample} is {status}");
            Assert.Equal(status == "failed", sample.GetProperty("error").ValueKind == JsonValueKind.String);
        }
        var answer = await api.QueryAsync(memory, "copper lantern harbour");
        Assert.Contains(fine, answer.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        // A sitemap that lists itself is read a bounded number of times.
        Assert.InRange(site.Received.Count(r => r.Path is "/index.xml" or "/sitemap.xml"), 0, 6);
    }

    [Fact]
    public async Task Addresses_in_private_networks_fail_their_sample_with_the_reason_when_the_guard_is_on()
    {
        await using var database = StoreFactory.IsPostgres(server.DatabaseOrSkip) ? await ScratchDatabase.PostgresAsync() : ScratchDatabase.Sqlite();
        await using var site = await LocalSite.StartAsync();
        site.Handle("/to-metadata", context =>
        {
            context.Response.Redirect("http://169.254.169.254/latest/meta-data/");
            return Task.CompletedTask;
        });
        var (app, address) = await EngramServer.StartAsync(database.Connection, adjust: s => s with { Ingestion = new() { AllowPrivateNetworks = false } });
        try
        {
            var key = ApiKeyHasher.NewKey();
            await StartupKey.AddAsync(app.Services.GetRequiredService<IStore>(), "guarded", key, CancellationToken.None);
            using var http = new HttpClient();
            var api = new Api(http, address, key, "guarded");
            var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
            var expected = new Dictionary<string, string>
            {
                [await CreateAsync(api, new { name = "metadata", externalURI = "http://169.254.169.254/latest/meta-data/" })] = "169.254.169.254",
                [await CreateAsync(api, new { name = "private", externalURI = "http://10.1.2.3/" })] = "10.1.2.3",
                [await CreateAsync(api, new { name = "redirect", externalURI = site.Url("/to-metadata") })] = "127.0.0.1",
                [await CreateAsync(api, new { name = "v6", externalURI = "http://[::1]:9/" })] = "::1",
            };
            await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = expected.Keys }));
            await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
            Assert.Equal("failed", await api.WaitForIngestionAsync(memory));
            var samples = (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("samples").EnumerateArray();
            Assert.All(samples, s => Assert.Contains($"{expected[s.GetProperty("fileID").GetString()!]}", s.GetProperty("error").GetString()));
            Assert.Empty(site.Received); // not even the first hop left the server
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<string> UploadAsync(Api api, string name, byte[] bytes) =>
        (await api.UploadFileAsync(name, bytes)).GetProperty("id").GetString()!;

    private static async Task<string> CreateAsync(Api api, object body)
    {
        var created = await api.PostAsync("/files/create", Api.Json(body));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Data.GetProperty("id").GetString()!;
    }

    private static string Nested(int depth) =>
        "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// A docx whose document.xml inflates to 80 MiB of one paragraph, from a few hundred KiB.
    private static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            }
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            document.Write("""<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"""u8);
            var block = Encoding.UTF8.GetBytes(new string('a', 1 << 20));
            for (var i = 0; i < 80; i++)
            {
                document.Write(block);
            }
            document.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }
        return buffer.ToArray();
    }
}
