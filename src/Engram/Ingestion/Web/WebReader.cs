namespace Engram.Ingestion;

public sealed record WebPage(Uri Url, string Title, string Text);

/// Reads web pages for the `website`, `sitemap` and `website_bulk` sample types. One instance
/// per process (it holds the HttpClient); thread-safe. Failures are ExtractionExceptions whose
/// message is the sample's error; a sitemap or crawl keeps the pages that worked and fails only
/// when none did.
public sealed class WebReader(bool allowPrivateNetworks) : IDisposable
{
    private readonly PageFetcher _fetcher = new(allowPrivateNetworks);

    public async Task<WebPage> ReadPageAsync(Uri url, CancellationToken ct) => (await ReadAsync(url, ct)).Page;

    /// The sitemap's pages (following a sitemap index's children, each sitemap once), up to 100.
    public async Task<IReadOnlyList<WebPage>> ReadSitemapAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var sitemaps = new Queue<Uri>([url]);
        var seenSitemaps = new HashSet<Uri> { url };
        var pages = new List<Uri>();
        for (var read = 0; read < ExtractionLimits.MaxSitemapFiles && pages.Count < ExtractionLimits.MaxSitemapPages && sitemaps.TryDequeue(out var sitemap); read++)
        {
            SitemapLinks.Links links;
            try
            {
                links = SitemapLinks.Read((await _fetcher.GetAsync(sitemap, ct)).Body);
            }
            catch (ExtractionException) when (read > 0)
            {
                continue; // a broken child sitemap loses its pages, not the others'
            }
            foreach (var child in links.Sitemaps.Where(seenSitemaps.Add))
            {
                sitemaps.Enqueue(child);
            }
            // A sitemap that lists itself (or another sitemap) among its pages does not count it.
            pages.AddRange(links.Pages.Where(page => !seenSitemaps.Contains(page) && !pages.Contains(page)));
        }
        if (pages.Count == 0)
        {
            throw new ExtractionException("the sitemap lists no pages");
        }
        var results = await ReadAllAsync(pages.Take(ExtractionLimits.MaxSitemapPages).ToList(), ct);
        return Succeeded(results, "of the sitemap's pages");
    }

    /// The page and the pages it links to on the same host, breadth first, to depth 2, up to 100.
    public async Task<IReadOnlyList<WebPage>> CrawlAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var first = await ReadAsync(url, ct); // the start page's failure is the crawl's
        var read = new List<WebPage> { first.Page };
        var seen = new HashSet<Uri> { url, first.Page.Url };
        var attempted = 1;
        var level = first.Links;
        for (var depth = 1; depth <= ExtractionLimits.MaxCrawlDepth && attempted < ExtractionLimits.MaxCrawlPages; depth++)
        {
            var next = level.Where(link => SameHost(link, url) && seen.Add(link)).Take(ExtractionLimits.MaxCrawlPages - attempted).ToList();
            attempted += next.Count;
            var results = await ReadAllAsync(next, ct);
            read.AddRange(results.Where(r => r.Page is not null).Select(r => r.Page!));
            level = [.. results.SelectMany(r => r.Links)];
        }
        return read;
    }

    private static bool SameHost(Uri link, Uri start) => string.Equals(link.IdnHost, start.IdnHost, StringComparison.OrdinalIgnoreCase);

    private sealed record Result(WebPage? Page, IReadOnlyList<Uri> Links, string? Error);

    private async Task<List<Result>> ReadAllAsync(List<Uri> urls, CancellationToken ct)
    {
        var results = new Result[urls.Count];
        await Parallel.ForAsync(0, urls.Count, new ParallelOptions { MaxDegreeOfParallelism = ExtractionLimits.ParallelFetches, CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    var (page, links) = await ReadAsync(urls[i], token);
                    results[i] = new Result(page, links, null);
                }
                catch (ExtractionException exception)
                {
                    results[i] = new Result(null, [], exception.Message);
                }
            });
        return [.. results];
    }

    private static List<WebPage> Succeeded(List<Result> results, string what)
    {
        var pages = results.Where(r => r.Page is not null).Select(r => r.Page!).ToList();
        return pages.Count > 0 ? pages
            : throw new ExtractionException($"none {what} could be read ({results.Count} tried; the first: {results[0].Error})");
    }

    private async Task<(WebPage Page, IReadOnlyList<Uri> Links)> ReadAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var response = await _fetcher.GetAsync(url, ct);
        var (title, text, links) = PageContent.Read(response);
        return (new WebPage(response.Url, title, DocumentText.Checked(text, "the page has no text")), links);
    }

    public void Dispose() => _fetcher.Dispose();
}
