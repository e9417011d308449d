using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Engram.Operations;
using Microsoft.Extensions.Logging;

namespace Engram.Tests;

/// The request log's queue: lines go out in order and none is lost at a clean stop; a flood beyond
/// its bound is dropped and counted rather than held against requests. A path is the client's
/// text: it is logged with its control characters escaped, so it can never forge a line.
public sealed class RequestLogTests(SqliteServer sqlite)
{
    [Fact]
    public async Task A_path_with_a_newline_or_an_escape_is_logged_on_one_line_with_them_escaped()
    {
        var output = new StringWriter();
        var (app, address) = await EngramServer.StartAsync(sqlite.DatabaseOrSkip, output: output, logLevel: LogLevel.Information);
        await using (app)
        {
            using var http = new HttpClient(); // no key: the log line is written all the same
            var forged = await http.GetAsync(new Uri(address, "/x%0A06:00:00.000%20info:%20Engram.Requests%20GET%20/forged%20200"));
            var colour = await http.GetAsync(new Uri(address, "/y%1B[31m%5Cx1B"));
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, colour.StatusCode);
            await app.StopAsync(); // writes what is queued
        }

        var lines = output.ToString().Split('\n').Where(l => l.Contains(" Engram.Requests ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, lines.Length);
        var forgedPath = Regex.Escape(@"/x\x0A06:00:00.000 info: Engram.Requests GET /forged 200");
        Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ info: Engram\.Requests GET {forgedPath} 401 [0-9.]+ms \S+$", lines[0]);
        Assert.Contains(@"GET /y\x1B[31m\\x1B 401 ", lines[1]);
        Assert.DoesNotContain('\u001B', output.ToString());
    }

    [Fact]
    public void Escaped_text_has_no_unsafe_character_and_reads_back_as_the_original()
    {
        var random = new Random(13);
        char[] pool = ['a', '/', ' ', '\\', 'x', '0', '\n', '\r', '\t', '\0', '\u001B', '\u007F', '\u0085', '\u009B',
            '\u2028', '\u2029', '\u202E', '\u200B', '\uFEFF', 'é', '\uD83D', '\uDE00', '中'];
        for (var run = 0; run < 2000; run++)
        {
            var original = new string([.. Enumerable.Range(0, random.Next(0, 24)).Select(_ => pool[random.Next(pool.Length)])]);
            var escaped = LoggedText.Escape(original);
            for (var i = 0; i < escaped.Length; i++)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(escaped, i);
                Assert.False(category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate, $"{escaped} has U+{(int)escaped[i]:X4}");
                if (char.IsHighSurrogate(escaped[i]))
                {
                    i++;
                }
            }
            Assert.Equal(original, Unescape(escaped));
        }
    }

    /// The reverse of LoggedText.Escape: \\, \xHH, \uHHHH.
    private static string Unescape(string escaped)
    {
        var text = new StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
            {
                text.Append(escaped[i]);
                continue;
            }
            var digits = escaped[++i] switch { '\\' => 0, 'x' => 2, 'u' => 4, var c => throw new FormatException($"\\{c}") };
            text.Append(digits == 0 ? '\\' : (char)int.Parse(escaped.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            i += digits;
        }
        return text.ToString();
    }

    [Fact]
    public async Task Lines_queued_before_a_stop_are_all_written_in_order()
    {
        var output = new StringWriter();
        using var log = new RequestLog(output);
        await log.StartAsync(CancellationToken.None);
        for (var i = 0; i < 1000; i++)
        {
            log.Add(new RequestLine(DateTime.UtcNow, "GET", $"/sessions/get/s{i}", 200, 1.24, $"req-{i}"));
        }
        await log.StopAsync(CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ info: Engram.Requests GET /sessions/get/s{i} 200 1\.2ms req-{i}$", lines[i]);
        }
    }

    [Fact]
    public async Task Lines_beyond_the_queue_bound_are_dropped_and_the_drop_is_logged()
    {
        var output = new StringWriter();
        using var log = new RequestLog(output);
        for (var i = 0; i < 100_005; i++) // queued while nothing writes them
        {
            log.Add(new RequestLine(DateTime.UtcNow, "GET", "/healthz", 200, 0.1, "req"));
        }
        await log.StartAsync(CancellationToken.None);
        await log.StopAsync(CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100_001, lines.Length);
        Assert.Matches(@"warn: Engram.Requests 5 request lines dropped: the output fell behind or failed$", lines[^1]);
    }

    [Fact]
    public async Task A_failed_write_drops_its_lines_counts_them_and_the_log_goes_on()
    {
        var output = new FailingOnceWriter();
        using var log = new RequestLog(output);
        for (var i = 0; i < 3; i++)
        {
            log.Add(new RequestLine(DateTime.UtcNow, "GET", "/healthz", 200, 0.1, $"lost-{i}"));
        }
        await log.StartAsync(CancellationToken.None);
        await output.FirstWriteFailed.Task.WaitAsync(TimeSpan.FromMinutes(1)); // the lost lines' batch, not a guess at write intervals
        log.Add(new RequestLine(DateTime.UtcNow, "GET", "/healthz", 200, 0.1, "kept"));
        await log.StopAsync(CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(output.Failed);
        Assert.DoesNotContain(lines, line => line.Contains("lost-", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("warn: Engram.Requests 3 request lines dropped: the output fell behind or failed", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith(" kept", StringComparison.Ordinal));
    }

    /// An output whose first write fails, as stdout on a full disk would.
    private sealed class FailingOnceWriter : StringWriter
    {
        public TaskCompletionSource FirstWriteFailed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Failed => FirstWriteFailed.Task.IsCompleted;

        public override Task WriteAsync(string? value)
        {
            if (!Failed)
            {
                FirstWriteFailed.SetResult();
                throw new IOException("No space left on device");
            }
            return base.WriteAsync(value);
        }
    }
}
