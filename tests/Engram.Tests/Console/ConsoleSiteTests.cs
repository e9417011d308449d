using System.Text.RegularExpressions;

namespace Engram.Tests.WebConsole;

/// The console's files over plain HTTP: served without a key, with their security and cache
/// headers, every module the page imports present, and no inline code for the CSP to refuse.
public abstract partial class ConsoleSiteTests(EngramServer server)
{
    private static readonly HttpClient Http = new();

    private async Task<HttpResponseMessage> GetAsync(string path, string? etag = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, path));
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }
        return await Http.SendAsync(request);
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/")]
    [InlineData("/console/index.html")]
    public async Task The_page_is_served_without_a_key_with_its_security_headers(string path)
    {
        server.Anonymous(); // skips when the backend is not configured
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("<title>Engram Console</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_module_the_page_imports_is_served_and_none_has_inline_code()
    {
        server.Anonymous();
        using var page = await GetAsync("/console");
        var html = await page.Content.ReadAsStringAsync();
        // Inline scripts and event-handler attributes would be refused by the CSP: there are none.
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(HandlerAttribute(), html);
        var pending = new Queue<string>(Referenced().Matches(html).Select(m => m.Groups["path"].Value));
        var seen = new HashSet<string>();
        while (pending.TryDequeue(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }
            using var response = await GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            var type = response.Content.Headers.ContentType?.MediaType;
            Assert.Equal(path.EndsWith(".css") ? "text/css" : "text/javascript", type);
            if (path.EndsWith(".js"))
            {
                var directory = path[..(path.LastIndexOf('/') + 1)];
                foreach (Match import in Import().Matches(await response.Content.ReadAsStringAsync()))
                {
                    pending.Enqueue(directory + import.Groups["file"].Value);
                }
            }
        }
        Assert.Contains("/console/js/graph.js", seen);
        Assert.True(seen.Count >= 10, string.Join(", ", seen));
    }

    [Fact]
    public async Task A_file_not_changed_is_answered_304_and_an_unknown_one_is_the_contracts_404()
    {
        server.Anonymous();
        using var first = await GetAsync("/console/js/app.js");
        var etag = first.Headers.ETag?.ToString();
        Assert.NotNull(etag);
        using var again = await GetAsync("/console/js/app.js", etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        using var missing = await GetAsync("/console/js/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("""{"error":"Not found","status":"not_found"}""", await missing.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/consoles")]
    [InlineData("/console.json")]
    [InlineData("/sessions/list")]
    public async Task Only_the_console_itself_is_public(string path)
    {
        server.Anonymous();
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerAttribute();

    [GeneratedRegex(""""(?:src|href)="(?<path>/console/[^"]+\.(?:js|css))"""")]
    private static partial Regex Referenced();

    [GeneratedRegex("""from\s+'\./(?<file>[a-z-]+\.js)'""")]
    private static partial Regex Import();
}
