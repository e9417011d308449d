namespace Engram.Memories;

/// A memory as the wire shows it: duohub's fields, then Engram's extensions (`status` and the counts).
public sealed record Memory(
    string Id, string Name, string Description, string MemoryType, string? Ontology, string UserID, int ChunkSize,
    int ChunkOverlap, bool FactExtraction, bool Acceleration, string? WebhookUrl, string Step, DateTime CreatedAt,
    DateTime UpdatedAt, string Status, long SampleCount, long ChunkCount, long FactCount, long EntityCount);

public sealed record MemoryList(IReadOnlyList<Memory> Memories, string? NextToken, string? PreviousToken, int Count);

/// One file (or message) in one memory. `Tokens` (extension) is the sample's token count once ingested.
public sealed record Sample(
    string Id, string MemoryID, string? FileID, string? MessageID, string? SessionID, string UserID, string Type,
    string Status, string? Error, long? Tokens, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record SampleList(IReadOnlyList<Sample> Samples, string? NextToken, string? PreviousToken, int Count);

/// The answer to POST /memories/start-ingestion.
public sealed record IngestionStarted(string Status, string Message, IngestionStartedData Data);

public sealed record IngestionStartedData(TokenMetrics TokenMetrics, long SampleCount);

public sealed record TokenMetrics(long TokensForIngestion, long? TokensRemaining, long? TotalTokenLimit);

/// `{"status":"success","message":"File deleted from memory successfully"}`
public sealed record Done(string Status, string Message);
