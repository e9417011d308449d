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
        Assert.Matches(@"warn: Engram.Requests 5 request lines dropped: the output fell behind$", lines[^1]);
    }
}
