using System.Diagnostics;
using Engram.Operations;
using Engram.Storage;
using Microsoft.Extensions.Options;

namespace Engram.Ingestion;

/// Claims ingestion jobs from the database and works them, a batch of samples at a time, through the
/// pipeline (IngestionPipeline), holding each job's lease meanwhile. `Workers` jobs run at once in this process.
public sealed partial class IngestionWorker(
    JobStore jobs, IngestionPipeline pipeline, IngestionSignal signal, IOptions<IngestionOptions> options,
    EngramMetrics metrics, ILogger<IngestionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly StorageOutageLog _outage = new(logger, "Ingestion", "ingestion waits and resumes when storage answers again", "ingestion resumes");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        // The job this loop was working when storage failed: its lease is given up as soon as storage
        // answers again, so the job resumes at once instead of after the lease's 30 s.
        Job? interrupted = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            Job? job = null;
            try
            {
                if (interrupted is not null)
                {
                    await jobs.ReleaseAsync(interrupted, _owner, stoppingToken);
                    interrupted = null; // at once: once free, this process's other loops may take it
                }
                // Looked for first, claimed only when there: the claim is a write, the look is not.
                var now = UnixMs.Now();
                if (await jobs.AnyClaimableAsync(now, stoppingToken))
                {
                    job = await jobs.ClaimAsync(_owner, now, stoppingToken);
                }
                _outage.Answered();
                if (job is not null)
                {
                    await RunAsync(job, stoppingToken);
                    continue;
                }
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage failed in the work or in the lease's renewal (which cancels the work, and says why).
                var storageFailed = _outage.Failed(e);
                if (storageFailed || e is OperationCanceledException)
                {
                    interrupted ??= job;
                }
                // A lost lease cancels the work; when the renewal lost it to the outage, that was said.
                if (!storageFailed && !(e is OperationCanceledException && _outage.IsOut))
                {
                    LogJobError(e);
                }
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// A stop (stoppingToken) lets the sample in hand finish and gives the lease up, so no sample's
    /// work is thrown away and the next start resumes the job at once; only a lost lease (held)
    /// interrupts a sample.
    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var held = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var renewal = RenewLeaseAsync(job, held);
        try
        {
            var memory = await jobs.SettingsAsync(job, held.Token);
            if (memory is null)
            {
                await jobs.DropAsync(job, held.Token); // the memory was deleted meanwhile
                return;
            }
            var lastProgress = DateTime.MinValue;
            (string Status, long Processed)? ended;
            do
            {
                while (!stoppingToken.IsCancellationRequested && await jobs.NextSamplesAsync(job, IngestionPipeline.TurnBatch, held.Token) is { Count: > 0 } samples)
                {
                    if (pipeline.TakesTurnsTogether(memory, samples))
                    {
                        await pipeline.IngestTurnsAsync(job, memory, samples, held.Token);
                    }
                    else
                    {
                        foreach (var sample in samples.TakeWhile(_ => !stoppingToken.IsCancellationRequested))
                        {
                            await pipeline.IngestAsync(job, memory, sample, held.Token);
                        }
                    }
                    if (UnixMs.Now() - lastProgress >= ProgressEvery)
                    {
                        lastProgress = UnixMs.Now();
                        await jobs.ProgressAsync(job, memory, held.Token);
                    }
                }
                if (stoppingToken.IsCancellationRequested)
                {
                    await jobs.ReleaseAsync(job, _owner, held.Token);
                    return;
                }
                ended = await jobs.FinishAsync(job, _owner, memory, held.Token);
            }
            while (ended is null && !held.IsCancellationRequested && await jobs.RenewAsync(job, _owner, UnixMs.Now(), held.Token));
            if (ended is { } done)
            {
                metrics.JobsEnded.Add(1, new KeyValuePair<string, object?>("status", done.Status));
                metrics.JobDuration.Record(EngramMetrics.Since(started));
                LogJobDone(job.Id, job.MemoryId, done.Status, done.Processed);
            }
        }
        finally
        {
            await held.CancelAsync();
            await renewal;
        }
    }

    /// Renews the job's lease every third of its length; if the lease is lost, stops working the job.
    private async Task RenewLeaseAsync(Job job, CancellationTokenSource held)
    {
        using var timer = new PeriodicTimer(JobStore.Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(held.Token))
            {
                if (!await jobs.RenewAsync(job, _owner, UnixMs.Now(), held.Token))
                {
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // A lease that can no longer be renewed is as good as lost: stop before another node takes the job.
            if (!_outage.Failed(e))
            {
                LogJobError(e);
            }
            await held.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: a job failed to run; it will be taken again")]
    private partial void LogJobError(Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion: job {JobId} of memory {MemoryId} ended {Status} after {Processed} samples")]
    private partial void LogJobDone(string jobId, string memoryId, string status, long processed);
}
