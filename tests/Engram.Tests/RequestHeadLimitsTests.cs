using Microsoft.Extensions.Logging;

namespace Engram.Tests;

/// Over-limit request targets and headers (issue #18): Engram's limits answer in the contract's
/// envelope, before auth; what Kestrel still refuses itself (a `%00` in the path) is its bare 400,
/// and each kind is logged as one line.
public sealed class RequestHeadLimitsTests(SqliteServer sqlite)
{
    private const string TooLong = """{"error":"Request target longer than 8192 bytes","status":"uri_too_long"}""";
    private const string TooLarge = """{"error":"Request headers over 32768 bytes or 64 fields","status":"request_header_fields_too_large"}""";

    /// A GET /healthz whose target (path and query) is exactly `length` characters.
    private static string HealthzTarget(int length) => "/healthz?x=" + new string('a', length - "/healthz?x=".Length);

    [Fact]
    public async Task A_target_over_8_KiB_is_414_in_the_envelope_with_or_without_a_key_and_8_KiB_itself_passes()
    {
        var api = await sqlite.NewAccountAsync();
        var atLimit = await sqlite.Anonymous().GetAsync(HealthzTarget(8192));
        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
        foreach (var client in new[] { sqlite.Anonymous(), api })
        {
            var over = await client.GetAsync(HealthzTarget(8193));
            Assert.Equal(HttpStatusCode.RequestUriTooLong, over.Status);
            Assert.Equal(TooLong, over.Raw);
            Assert.Equal("application/json", over.Message.Content.Headers.ContentType!.MediaType);
        }
        var keyed = await api.GetAsync("/sessions/list?customerUserID=" + new string('c', 9000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, keyed.Status);
        Assert.Equal(TooLong, keyed.Raw);
    }

    [Fact]
    public async Task Headers_over_32_KiB_or_64_fields_are_431_in_the_envelope()
    {
        var api = await sqlite.NewAccountAsync();
        var big = await api.SendAsync(HttpMethod.Get, "/sessions/list",
            configure: request => request.Headers.TryAddWithoutValidation("X-Big", new string('b', 33 * 1024)));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, big.Status);
        Assert.Equal(TooLarge, big.Raw);

        var many = await sqlite.Anonymous().SendAsync(HttpMethod.Get, "/healthz", configure: request =>
        {
            for (var i = 0; i < 70; i++)
            {
                request.Headers.TryAddWithoutValidation($"X-Field-{i}", "v");
            }
        });
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, many.Status);
        Assert.Equal(TooLarge, many.Raw);

        var fine = await api.SendAsync(HttpMethod.Get, "/sessions/list",
            configure: request => request.Headers.TryAddWithoutValidation("X-Big", new string('b', 16 * 1024)));
        Assert.Equal(HttpStatusCode.OK, fine.Status);
    }

    [Fact]
    public async Task A_NUL_in_the_path_is_Kestrels_bare_400_and_both_kinds_are_logged_as_one_line()
    {
        var output = new StringWriter();
        var (app, address) = await EngramServer.StartAsync(sqlite.DatabaseOrSkip, output: output, logLevel: LogLevel.Information);
        await using (app)
        {
            using var http = new HttpClient();
            var nul = await http.GetAsync(new Uri(address, "/sessions/list%00"));
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
            Assert.Equal("", await nul.Content.ReadAsStringAsync()); // Kestrel answers before any middleware
            var over = await http.GetAsync(new Uri(address, HealthzTarget(9000)));
            Assert.Equal(HttpStatusCode.RequestUriTooLong, over.StatusCode);
            await app.StopAsync(); // writes what is queued
        }
        var lines = output.ToString().Split('\n');
        Assert.Single(lines, line => line.Contains(" info: Engram.Requests Kestrel refused a request itself: 400 Invalid request target (connection ", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains(" info: Engram.Requests GET /healthz 414 ", StringComparison.Ordinal));
    }
}
