using System.Text.RegularExpressions;
using Engram.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engram.Tests;

/// Request ids and the log (issue #18): a caller's plain `X-Request-Id` is kept and echoed, any
/// other is replaced; every line a request logs names it, in text or JSON; a 500's log entry is
/// found by the id the caller saw; times are UTC with their date; keys and content never appear.
public sealed class RequestIdTests(SqliteServer sqlite)
{
    private const string Key = "ops-request-id-key-0123456789";

    private static async Task<(WebApplication App, Uri Address)> StartAsync(string database, TextWriter output, LogFormat format,
        LogLevel level = LogLevel.Information) =>
        await EngramServer.StartAsync(database, output: output, logLevel: level,
            adjust: settings => settings with { ApiKey = Key, Operations = settings.Operations with { LogFormat = format } },
            configure: app => app.MapGet("/test/boom", (Func<string>)(() => throw new InvalidOperationException("boom"))));

    [Fact]
    public async Task A_plain_caller_id_is_echoed_and_logged_and_any_other_is_replaced_by_a_plain_one()
    {
        var output = new StringWriter();
        var (app, address) = await StartAsync(sqlite.DatabaseOrSkip, output, LogFormat.Text);
        var random = new Random(18);
        var expected = new List<(string Sent, string Echoed)>();
        await using (app)
        {
            var api = new Api(new HttpClient(), address, Key, "default");
            const string pool = "abcXYZ019-_.: /\\\"{}";
            for (var i = 0; i < 200; i++)
            {
                var length = random.Next(3) == 0 ? random.Next(100, 200) : random.Next(1, 40);
                var sent = i + new string([.. Enumerable.Range(0, length).Select(_ => pool[random.Next(pool.Length)])]);
                var response = await api.SendAsync(HttpMethod.Get, "/healthz",
                    configure: request => request.Headers.TryAddWithoutValidation("X-Request-Id", sent));
                var echoed = response.Message.Headers.GetValues("X-Request-Id").Single();
                Assert.True(RequestId.IsAcceptable(echoed), echoed);
                Assert.Equal(RequestId.IsAcceptable(sent), echoed == sent);
                expected.Add((sent, echoed));
            }
            await app.StopAsync(); // writes what is queued
        }
        var lines = output.ToString().Split('\n').Where(l => l.Contains(" Engram.Requests GET /healthz ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected.Count, lines.Length);
        Assert.All(expected, e => Assert.Single(lines, l => l.EndsWith(" " + e.Echoed, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task In_JSON_every_line_is_an_object_and_a_500_is_logged_under_the_id_and_trace_the_caller_sent()
    {
        var output = new StringWriter();
        var (app, address) = await StartAsync(sqlite.DatabaseOrSkip, output, LogFormat.Json);
        const string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        await using (app)
        {
            var api = new Api(new HttpClient(), address, Key, "default");
            var response = await api.SendAsync(HttpMethod.Get, "/test/boom", configure: request =>
            {
                request.Headers.TryAddWithoutValidation("X-Request-Id", "caller-id-500");
                request.Headers.TryAddWithoutValidation("traceparent", $"00-{trace}-00f067aa0ba902b7-01");
            });
            Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
            Assert.Equal("""{"error":"Internal server error","status":"error"}""", response.Raw);
            Assert.Equal("caller-id-500", response.Message.Headers.GetValues("X-Request-Id").Single());
            await app.StopAsync();
        }
        var objects = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", o.GetProperty("timestamp").GetString()!));
        var error = Assert.Single(objects, o => o.GetProperty("category").GetString() == "Engram.Errors");
        Assert.Equal("Error", error.GetProperty("level").GetString());
        Assert.Equal("caller-id-500", error.GetProperty("requestId").GetString());
        Assert.Equal(trace, error.GetProperty("traceId").GetString());
        Assert.Contains("boom", error.GetProperty("exception").GetString());
        var request = Assert.Single(objects, o => o.TryGetProperty("path", out var path) && path.GetString() == "/test/boom");
        Assert.Equal(500, request.GetProperty("status").GetInt32());
        Assert.Equal("caller-id-500", request.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Text_lines_carry_a_UTC_date_and_time_and_never_the_key_or_the_content_even_at_Debug()
    {
        var output = new StringWriter();
        var (app, address) = await StartAsync(sqlite.DatabaseOrSkip, output, LogFormat.Text, LogLevel.Debug);
        const string secret = "content-that-must-stay-out-of-logs-7d1f";
        await using (app)
        {
            var api = new Api(new HttpClient(), address, Key, "default");
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/sessions/create", Api.Json(new { id = "logged-session" }))).Status);
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/messages/create",
                Api.Json(new { sessionID = "logged-session", role = "user", content = secret }))).Status);
            Assert.Equal(HttpStatusCode.InternalServerError, (await api.GetAsync("/test/boom")).Status);
            await app.StopAsync();
        }
        var text = output.ToString();
        Assert.DoesNotContain(Key, text);
        Assert.DoesNotContain(secret, text);
        var logged = text.Split('\n').Where(l => Regex.IsMatch(l, "^[0-9]")).ToArray();
        Assert.Contains(logged, l => l.Contains(" fail: Engram.Errors ", StringComparison.Ordinal) && Regex.IsMatch(l, @" request=\S+$"));
        Assert.All(logged, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trce|dbug|info|warn|fail|crit): \S+ ", l));
    }
}
