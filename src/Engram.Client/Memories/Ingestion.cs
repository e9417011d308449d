using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>What <see cref="MemoriesClient.StartIngestionAsync"/> answers: the job's size against the account's token limit.</summary>
public sealed record IngestionStarted
{
    /// <summary>The tokens to ingest and what the account's limit leaves.</summary>
    [JsonPropertyName("tokenMetrics")] public TokenMetrics TokenMetrics { get; init; } = new();

    /// <summary>How many samples (pending or failed before) the job takes on.</summary>
    [JsonPropertyName("sampleCount")] public long SampleCount { get; init; }
}

/// <summary>The token budget of an ingestion.</summary>
public sealed record TokenMetrics
{
    /// <summary>The estimated tokens of the samples to ingest.</summary>
    [JsonPropertyName("tokensForIngestion")] public long TokensForIngestion { get; init; }

    /// <summary>What the account's limit leaves after this job; null when the account has no limit.</summary>
    [JsonPropertyName("tokensRemaining")] public long? TokensRemaining { get; init; }

    /// <summary>The account's limit; null when it has none.</summary>
    [JsonPropertyName("totalTokenLimit")] public long? TotalTokenLimit { get; init; }
}

/// <summary>Where an ingestion stands, as <see cref="MemoriesClient.WaitForIngestionAsync"/> reports it after each poll.</summary>
/// <param name="Memory">The memory as last read, with its <see cref="Memory.Status"/> and counts.</param>
/// <param name="Processed">Samples done, whether they succeeded or failed.</param>
/// <param name="Failed">Samples that failed (see <see cref="Sample.Error"/>).</param>
/// <param name="Total">All the memory's samples.</param>
public sealed record IngestionProgress(Memory Memory, long Processed, long Failed, long Total)
{
    /// <summary>Whether the memory has settled: <c>success</c>, <c>failed</c> or <c>empty</c>.</summary>
    public bool IsFinished => Memory.Status is MemoryStatuses.Success or MemoryStatuses.Failed or MemoryStatuses.Empty;
}

/// The body of the calls that name only a memory.
internal sealed record MemoryIdBody([property: JsonPropertyName("memoryID")] string MemoryId);
