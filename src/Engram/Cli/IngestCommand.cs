using Engram.Client;

namespace Engram.Cli;

/// `engram memories ingest MEMORY [--wait]`: queues the memory's pending samples and, with --wait,
/// follows the job to the end with one progress line.
internal static class IngestCommand
{
    public static async Task<int> RunAsync(EngramClient client, string memoryId, bool wait, bool json, TextWriter output,
        CancellationToken cancellationToken)
    {
        var started = await client.Memories.StartIngestionAsync(memoryId, cancellationToken);
        if (json)
        {
            await ClientCommand.WriteJsonAsync(output, started, CliJson.Default.IngestionStarted);
        }
        else
        {
            var metrics = started.TokenMetrics;
            var remaining = metrics.TokensRemaining is { } left ? $", {left} left of {metrics.TotalTokenLimit}" : "";
            await output.WriteLineAsync($"Ingestion started: {started.SampleCount} sample(s), about {metrics.TokensForIngestion} tokens{remaining}.");
        }
        if (!wait)
        {
            return 0;
        }

        // JSON output stays one object a line, so the progress line is for people only.
        var progress = json ? null : new ProgressLine(output, overwrite: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        var memory = await client.Memories.WaitForIngestionAsync(memoryId, progress, cancellationToken);
        progress?.Finish();
        if (json)
        {
            await ClientCommand.WriteJsonAsync(output, memory, CliJson.Default.Memory);
        }
        else
        {
            await output.WriteLineAsync($"Memory {memory.Id}: {memory.Status} ({memory.SampleCount} samples, {memory.ChunkCount} chunks).");
            await foreach (var sample in client.Memories.ListAllSamplesAsync(
                new ListSamplesRequest { MemoryId = memoryId, Limit = 100 }, cancellationToken))
            {
                if (sample.Status == MemoryStatuses.Failed)
                {
                    await output.WriteLineAsync($"  failed: {sample.FileId ?? sample.MessageId ?? sample.Id}: {sample.Error ?? "no reason given"}");
                }
            }
        }
        return memory.Status == MemoryStatuses.Failed ? 1 : 0;
    }
}

/// "ingesting: 3/10 samples", written when it changes: on a terminal one line rewritten in place
/// with \r; redirected, a plain line each time, so a log shows every step and no control characters.
internal sealed class ProgressLine(TextWriter output, bool overwrite) : IProgress<IngestionProgress>
{
    private string _last = "";

    public void Report(IngestionProgress value)
    {
        var text = Text(value);
        if (text == _last)
        {
            return;
        }
        // Padding to the last text's length wipes what a shorter line would leave behind.
        if (overwrite)
        {
            output.Write("\r" + text.PadRight(_last.Length));
        }
        else
        {
            output.WriteLine(text);
        }
        _last = text;
    }

    /// Ends the line rewritten in place, so what follows starts on its own.
    public void Finish()
    {
        if (overwrite && _last.Length > 0)
        {
            output.WriteLine();
        }
    }

    public static string Text(IngestionProgress progress) =>
        $"ingesting: {progress.Processed}/{progress.Total} samples" + (progress.Failed > 0 ? $", {progress.Failed} failed" : "");
}
