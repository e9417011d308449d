using System.Text.RegularExpressions;

namespace Engram.Tests;

/// GET /docs (issue #18): the interactive reference, public, reading our /openapi.json, with its
/// script served by the server itself.
public sealed class DocsPageTests(SqliteServer sqlite)
{
    [Fact]
    public async Task The_docs_page_and_its_script_need_no_key_and_the_page_reads_openapi_json()
    {
        _ = await sqlite.NewAccountAsync(); // skips when not configured
        using var http = new HttpClient();
        var page = await http.GetAsync(new Uri(sqlite.BaseAddress, "/docs"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        // Relative: the page resolves it against the site's root (and a path base, behind a proxy).
        Assert.Contains("\"url\":\"openapi.json\"", html);
        var scripts = Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts.Where(s => !s.StartsWith("http", StringComparison.Ordinal)))
        {
            var asset = await http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        }
    }
}
