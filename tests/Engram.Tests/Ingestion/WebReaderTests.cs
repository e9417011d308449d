using Engram.Ingestion;

namespace Engram.Tests.Ingestion;

/// The web reader against a real site on 127.0.0.1: allowed when private networks are, refused
/// when not; the contract's limits and the sitemap and crawl rules.
public sealed class WebReaderTests(WebSite site) : IClassFixture<WebSite>, IDisposable
{
    private readonly WebReader _web = new(allowPrivateNetworks: true);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_gives_its_title_and_main_text()
    {
        var page = await _web.ReadPageAsync(site.At("page/1"), Ct);
        Assert.Equal(("Page 1", "Text of page 1."), (page.Title, page.Text));
        Assert.Equal("Just text.", (await _web.ReadPageAsync(site.At("plain"), Ct)).Text);
    }

    [Fact]
    public async Task Failures_are_sentences()
    {
        Assert.Equal("the page answered 404", await Reason(_web.ReadPageAsync(site.At("missing"), Ct)));
        Assert.Equal("the page is larger than 10 MiB", await Reason(_web.ReadPageAsync(site.At("huge"), Ct)));
        Assert.Equal("the page is image/png, which cannot be read", await Reason(_web.ReadPageAsync(site.At("image"), Ct)));
        Assert.Equal("only http and https addresses can be read", await Reason(_web.ReadPageAsync(new Uri("ftp://127.0.0.1/x"), Ct)));
    }

    [Fact]
    public async Task Five_redirects_are_followed_and_a_sixth_is_refused()
    {
        Assert.Equal("Page 0", (await _web.ReadPageAsync(site.At("redirect/4"), Ct)).Title);
        Assert.Equal("the page redirected more than 5 times", await Reason(_web.ReadPageAsync(site.At("redirect/5"), Ct)));
    }

    [Fact]
    public async Task Private_addresses_are_refused_unless_allowed()
    {
        using var guarded = new WebReader(allowPrivateNetworks: false);
        Assert.Equal("the address 127.0.0.1 is in a private network", await Reason(guarded.ReadPageAsync(site.At("page/1"), Ct)));
        // A name, not a literal: refused at connection time, on the address it resolved to.
        var byName = new UriBuilder(site.At("page/1")) { Host = "localhost" }.Uri;
        Assert.Equal("the address localhost is in a private network", await Reason(guarded.ReadPageAsync(byName, Ct)));
        Assert.Equal("the address 169.254.169.254 is in a private network", await Reason(guarded.ReadPageAsync(new Uri("http://169.254.169.254/latest/meta-data/"), Ct)));
        Assert.Equal("the address 127.0.0.1 is in a private network", await Reason(guarded.CrawlAsync(site.At("chain/0"), Ct)));
    }

    [Fact]
    public async Task A_sitemap_that_lists_itself_gives_its_pages_and_skips_the_failures()
    {
        var pages = await _web.ReadSitemapAsync(site.At("sitemap.xml"), Ct);
        Assert.Equal(["Page 1", "Page 2"], pages.Select(p => p.Title));
        var viaIndex = await _web.ReadSitemapAsync(site.At("index.xml"), Ct);
        Assert.Equal(["Page 1", "Page 2"], viaIndex.Select(p => p.Title));
        Assert.StartsWith("none of the sitemap's pages could be read", await Reason(_web.ReadSitemapAsync(site.At("broken-sitemap.xml"), Ct)));
        Assert.Equal("the sitemap lists no pages", await Reason(_web.ReadSitemapAsync(site.At("plain"), Ct)));
    }

    [Fact]
    public async Task A_crawl_follows_links_on_the_same_host_to_depth_2()
    {
        var pages = await _web.CrawlAsync(site.At("chain/0"), Ct);
        Assert.Equal(["Chain 0", "Chain 1", "Chain 2"], pages.Select(p => p.Title));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("100.128.0.1", false)]
    [InlineData("0.0.0.0", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fc00::1", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("64:ff9b::10.0.0.1", true)]
    [InlineData("2001:4860:4860::8888", false)]
    public void Private_ranges_are_recognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, NetworkGuard.IsPrivate(System.Net.IPAddress.Parse(address)));

    private static async Task<string> Reason(Task task) => (await Assert.ThrowsAsync<ExtractionException>(() => task)).Message;

    public void Dispose() => _web.Dispose();
}
