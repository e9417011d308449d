using Engram.Storage;

namespace Engram.Files;

/// Now and then, removes what uploads leave behind when nobody finishes them: the parts of a PUT
/// whose process died (a day later, far beyond any PUT still running) and keys whose signed URL
/// expired unused. Safe on several nodes at once: each sweep is one idempotent transaction.
public sealed partial class UploadSweeper(FileStore files, ILogger<UploadSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PartsKept = TimeSpan.FromDays(1);

    private readonly StorageOutageLog _outage = new(logger, "Uploads", "the sweep runs again later", "sweeps go on");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var now = DateTime.UtcNow;
                    await files.SweepAbandonedAsync(now - PartsKept, now - 2 * UploadUrls.Lifetime, stoppingToken);
                    _outage.Answered();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (!_outage.Failed(e))
                    {
                        LogSweepFailed(e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uploads: sweeping abandoned parts failed; it runs again later")]
    private partial void LogSweepFailed(Exception error);
}
