using Engram.Operations;

namespace Engram.Tests;

/// The request log's queue: lines go out in order and none is lost at a clean stop; a flood beyond
/// its bound is dropped and counted rather than held against requests.
public sealed class RequestLogTests
{
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
            Assert.Matches($@"^\d\d:\d\d:\d\d\.\d\d\d info: Engram.Requests GET /sessions/get/s{i} 200 1\.2ms req-{i}$", lines[i]);
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
        await Task.Delay(300); // a few write intervals: the first write fails
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
        public bool Failed { get; private set; }

        public override Task WriteAsync(string? value)
        {
            if (!Failed)
            {
                Failed = true;
                throw new IOException("No space left on device");
            }
            return base.WriteAsync(value);
        }
    }
}
