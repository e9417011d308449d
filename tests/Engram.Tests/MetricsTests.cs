using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace Engram.Tests;

/// `/metrics` (issue #18): Prometheus' text format, behind the key unless `Engram:Metrics:Public`
/// says otherwise, and counters that move with what the server does.
public sealed class MetricsTests(SqliteServer sqlite)
{
    private const string Key = "ops-metrics-key-0123456789abc";

    private async Task<(WebApplication App, Uri Address)> StartAsync(bool publicMetrics, int rateLimit = 0) =>
        await EngramServer.StartAsync(sqlite.DatabaseOrSkip, rateLimitPerSecond: rateLimit,
            adjust: settings => settings with { ApiKey = Key, Operations = settings.Operations with { PublicMetrics = publicMetrics } });

    [Fact]
    public async Task A_scrape_sees_requests_per_route_page_token_rejects_and_rate_limit_hits_move()
    {
        var (app, address) = await StartAsync(publicMetrics: false, rateLimit: 5);
        await using (app)
        {
            using var http = new HttpClient();
            var api = new Api(http, address, Key, "default");
            Assert.Equal(HttpStatusCode.Unauthorized, (await new Api(http, address, null, "").GetAsync("/metrics")).Status);
            var before = await ScrapeAsync(api);

            Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/sessions/list?nextToken=not-a-token")).Status);
            var limited = 0;
            var listed = 0;
            for (var i = 0; i < 30; i++)
            {
                var status = (await api.GetAsync("/sessions/list")).Status;
                listed++;
                limited += status == HttpStatusCode.TooManyRequests ? 1 : 0;
            }
            Assert.True(limited > 0, "30 requests at once stay under 5 per second only on a machine slower than any here");

            // The framework records a request's duration just after its answer is sent: a scrape may come first.
            string after;
            var attempts = 0;
            do
            {
                after = await ScrapeAsync(api);
            }
            while (Sum(after, "http_server_request_duration_seconds_count", "http_route=\"/sessions/list\"")
                - Sum(before, "http_server_request_duration_seconds_count", "http_route=\"/sessions/list\"") < listed + 1 - limited
                && ++attempts < 50);

            // At least: the meters are the process's, and tests beside this one (other servers in the
            // same process) may reject a token or limit a rate in the same moments.
            Assert.True(Sum(after, "engram_page_token_rejects_total") - Sum(before, "engram_page_token_rejects_total") >= 1);
            Assert.True(Sum(after, "engram_rate_limit_hits_total") - Sum(before, "engram_rate_limit_hits_total") >= limited);
            Assert.True(Sum(after, "http_server_request_duration_seconds_count", "http_route=\"/sessions/list\"")
                - Sum(before, "http_server_request_duration_seconds_count", "http_route=\"/sessions/list\"") >= listed + 1 - limited);
            Assert.Contains("# TYPE http_server_request_duration_seconds histogram", after);
        }
    }

    [Fact]
    public async Task With_Metrics_Public_a_scraper_needs_no_key()
    {
        var (app, address) = await StartAsync(publicMetrics: true);
        await using (app)
        {
            using var http = new HttpClient();
            var response = await http.GetAsync(new Uri(address, "/metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task A_scrape_sees_the_memory_indexes_loaded_and_their_estimated_bytes()
    {
        var (app, address) = await StartAsync(publicMetrics: false);
        await using (app)
        {
            using var http = new HttpClient();
            var api = new Api(http, address, Key, "default");
            var (memory, _) = await api.IngestedMemoryAsync(("pets.txt", "Dogs are welcome on every train if they stay on a leash."));
            await api.QueryAsync(memory, "dogs");
            var scrape = await ScrapeAsync(api);
            // At least: other servers in this process report on the same meter.
            Assert.True(Sum(scrape, "engram_retrieval_indexes") >= 1, scrape);
            // One 1,024-row segment of 384-d vectors alone is 1.2 MB.
            Assert.True(Sum(scrape, "engram_retrieval_indexes_size_bytes") >= 1024 * 1165, scrape);
        }
    }

    private static async Task<string> ScrapeAsync(Api api)
    {
        var response = await api.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Raw;
    }

    /// The sum of a metric's samples (`name{labels} value [timestamp]`), over those whose labels contain `label`.
    internal static double Sum(string scrape, string name, string? label = null) =>
        scrape.Split('\n')
            .Where(line => (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
                && (label is null || line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse((line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..]).Trim().Split(' ')[0],
                CultureInfo.InvariantCulture));
}
