using System.Threading.Channels;

namespace Engram.Ingestion;

/// Wakes this node's idle workers when a job is queued here; jobs queued on other nodes are found
/// by polling. One pending wake-up is enough: a woken worker claims jobs until none is left.
public sealed class IngestionSignal
{
    private readonly Channel<bool> _queued = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void JobQueued() => _queued.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _queued.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the poll interval passed: look in the database anyway
        }
    }
}
