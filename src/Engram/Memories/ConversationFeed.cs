using Engram.Ingestion;
using Engram.Storage;
using Microsoft.Extensions.Options;

namespace Engram.Memories;

/// Live conversation memory (§11): every few hundred milliseconds, turns the messages of followed
/// sessions that a memory does not have yet into samples and queues their ingestion. It runs beside
/// POST /messages/create, never inside it, so a message insert costs no more with a memory attached.
/// Safe on several nodes: each sample is added once (samples_by_message), each job queued once (JobStore).
public sealed partial class ConversationFeed(
    ConversationStore conversations, JobStore jobs, IngestionSignal signal, IOptions<IngestionOptions> options,
    ILogger<ConversationFeed> logger) : BackgroundService
{
    /// A message is retrievable within two seconds of its 201: this poll, a worker woken at once, one embedding.
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly StorageOutageLog _outage = new(logger, "Conversation memory",
        "the live feed waits and looks again when storage answers", "the live feed goes on");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FeedAsync(stoppingToken);
                    _outage.Answered();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick looks again from the same cursor; an outage is said once, not every tick.
                    if (!_outage.Failed(e))
                    {
                        LogFeedError(e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        foreach (var (account, memoryId) in await conversations.FollowingMemoriesAsync(cancellationToken))
        {
            var look = await conversations.LookAsync(account, memoryId, cancellationToken);
            var added = 0;
            // The cursor moves when messages were found, or when it falls a window behind, so a quiet memory writes nothing.
            if (look.NewMessages > 0 || look.NewestSeq - look.LastSeq > ConversationStore.Lookback)
            {
                added = await conversations.CatchUpAsync(account, memoryId, look, cancellationToken);
            }
            if (added > 0 || look.Orphaned)
            {
                await jobs.StartAsync(account, memoryId, options.Value.TokenLimit, cancellationToken);
                signal.JobQueued();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation memory: the live feed failed; it looks again on the next tick")]
    private partial void LogFeedError(Exception error);
}
