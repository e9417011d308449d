using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Engram.Tests.Ingestion;

/// A real web site on 127.0.0.1 for the web reader to fetch: pages, redirects, a sitemap that
/// lists itself, a crawlable chain of links, and failures.
public sealed class WebSite : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Root { get; private set; } = null!;

    public Uri At(string path) => new(Root, path);

    public async ValueTask InitializeAsync()
    {
        var app = LocalSite.Loopback();
        app.MapGet("/page/{n:int}", (int n) => Html($"Page {n}", $"<p>Text of page {n}.</p>"));
        app.MapGet("/plain", () => Results.Text("Just text.", "text/plain"));
        app.MapGet("/image", () => Results.Bytes([1, 2, 3], "image/png"));
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/huge", () => Results.Text(new string('x', 11 * 1024 * 1024), "text/plain"));
        app.MapGet("/redirect/{n:int}", (int n) => Results.Redirect(n == 0 ? "/page/0" : $"/redirect/{n - 1}"));
        app.MapGet("/sitemap.xml", (HttpContext context) => Results.Text($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>{Root}sitemap.xml</loc></url>
              <url><loc>{Root}page/1</loc></url><url><loc>{Root}page/2</loc></url><url><loc>{Root}missing</loc></url>
            </urlset>
            """, "application/xml"));
        app.MapGet("/index.xml", () => Results.Text($"""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>{Root}index.xml</loc></sitemap><sitemap><loc>{Root}sitemap.xml</loc></sitemap>
            </sitemapindex>
            """, "application/xml"));
        app.MapGet("/broken-sitemap.xml", () => Results.Text($"<urlset><url><loc>{Root}missing</loc></url></urlset>", "application/xml"));
        // /chain/0 links to /chain/1, and so on; /chain/0 also links off-host (localhost is another host name).
        app.MapGet("/chain/{n:int}", (int n) => Html($"Chain {n}",
            $"<p>Link {n}.</p><a href=\"/chain/{n + 1}\">next</a><a href=\"/chain/{n}#self\">self</a><a href=\"http://localhost:{Root.Port}/page/9\">other host</a>"));
        Root = new Uri((await LocalSite.StartAsync(app)).ToString().TrimEnd('/') + "/");
        _app = app;
    }

    private static IResult Html(string title, string body) =>
        Results.Content($"<html><head><title>{title}</title></head><body><nav>menu</nav>{body}</body></html>", "text/html; charset=utf-8");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
