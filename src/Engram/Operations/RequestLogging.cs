using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Engram.Operations;

/// One line per request: method, path, status, milliseconds, request id (the caller's
/// `X-Request-Id` when it is plain enough, RequestId). Headers (and so keys) are never logged; the path is logged without its query string, which may carry tokens, and
/// with its control characters escaped (LoggedText), so a request cannot write a line of its own.
/// `Logging__LogLevel__Default=Warning` (or a level for "Engram.Requests") turns the lines off.
internal static class RequestLogging
{
    public static IServiceCollection AddRequestLog(this IServiceCollection services, TextWriter output, LogFormat format) =>
        // A factory, so the container disposes it.
        services.AddSingleton(_ => new RequestLog(output, format)).AddHostedService(provider => provider.GetRequiredService<RequestLog>())
            .AddSingleton<ILoggerProvider>(provider => new EngramLoggerProvider(provider.GetRequiredService<RequestLog>(), format));

    /// Gives the process's Console.Out room for a whole batch of request lines. Its own writer
    /// has a 256-byte buffer, so a batch went out in hundreds of write(2) calls; now it is one.
    /// Still flushed after every write. UTF-8 whatever the locale, like the JSON Engram serves.
    public static void BufferConsoleOutput() =>
        Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = true });

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Engram.Requests");
        var log = app.ApplicationServices.GetRequiredService<RequestLog>();
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            context.TraceIdentifier = RequestId.For(context);
            // The framework has already read a W3C `traceparent` into the request's activity.
            var traceId = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : null;
            using var scope = logger.BeginScope(new RequestScope(context.TraceIdentifier, traceId));
            // Set as the response starts, so an error path that clears the response keeps it.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers[RequestId.Header] = http.TraceIdentifier;
                return Task.CompletedTask;
            }, context);
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    log.Add(new RequestLine(DateTime.UtcNow, context.Request.Method, context.Request.Path.Value ?? "/",
                        context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TraceIdentifier, traceId));
                }
            }
        });
    }
}

internal readonly record struct RequestLine(DateTime At, string Method, string Path, int Status, double Milliseconds, string RequestId,
    string? TraceId = null);

/// The request log's lines, written to the output in batches by one background loop. Through the
/// console logger, each line woke its writer thread and cost a write of its own: about 6 us of
/// CPU per request, a third of what /healthz costs in all. Here a request only queues its line,
/// and the loop wakes every 50 ms and writes whatever has queued in one go. A request never waits
/// for the output: if it falls far behind, or a write fails (a full disk), lines are dropped and
/// the drop is counted in the log, and the server goes on.
internal sealed class RequestLog(TextWriter output, LogFormat format = LogFormat.Text) : BackgroundService
{
    private const int MaxQueuedLines = 100_000;
    // Whole lines per write, each write one string (a StringBuilder is written chunk by chunk,
    // each flushed) and small enough to stay off the large object heap.
    private const int MaxCharsPerWrite = 16 * 1024;
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<RequestLine> _lines = new();
    // Every other logger's lines, already formatted: few, and written before each batch of requests.
    private readonly ConcurrentQueue<string> _events = new();
    private int _queued;
    private int _dropped;

    public void Add(RequestLine line)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueuedLines)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _lines.Enqueue(line);
    }

    public void AddEvent(string line)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueuedLines)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _events.Enqueue(line);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WriteEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await WriteQueuedAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken); // the loop has ended, or never ran
        await WriteQueuedAsync(); // what is queued still goes out
    }

    private async Task WriteQueuedAsync()
    {
        var text = new StringBuilder();
        var inText = 0;
        while (_events.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref _queued);
            text.Append(line);
            inText++;
        }
        while (_lines.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref _queued);
            LogLines.AppendRequest(text, line, format);
            inText++;
            if (text.Length >= MaxCharsPerWrite)
            {
                await WriteAsync(text, inText);
                inText = 0;
            }
        }
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            text.Append(LogLines.Event(format, DateTime.UtcNow, LogLevel.Warning, "Engram.Requests",
                $"{dropped} request lines dropped: the output fell behind or failed", null, null));
        }
        await WriteAsync(text, inText + dropped);
    }

    private async Task WriteAsync(StringBuilder text, int lines)
    {
        if (text.Length == 0)
        {
            return;
        }
        try
        {
            await output.WriteAsync(text.ToString());
            await output.FlushAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Interlocked.Add(ref _dropped, lines);
        }
        text.Clear();
    }
}
