namespace Engram.Ingestion;

// The records the ingestion queue hands between JobStore and IngestionWorker.

public sealed record Job(string Id, string AccountId, string MemoryId, long TotalSamples, long ProcessedSamples);

/// What a worker needs to read one sample: its file's type and where the bytes are, or its message.
public sealed record SampleWork(string SampleId, string? FileId, string? FileName, string? Extension, string? FileType,
    string? BronzeKey, string? ExternalUri, string? MessageId = null, ConversationTurn? Turn = null);

/// A message sample's message (null when it was deleted since).
public sealed record ConversationTurn(string Role, string Content, DateTime CreatedAt);

/// What a memory is ingested with. `LearnsFacts`: a graph memory, or a vector one with factExtraction.
public sealed record MemorySettings(string MemoryType, int ChunkSize, int ChunkOverlap, string? WebhookUrl, string? EmbeddingModel,
    string? Ontology = null, bool LearnsFacts = false);

public enum StartOutcome { Started, MemoryNotFound, TokenLimitReached }

public sealed record StartResult(StartOutcome Outcome, long SampleCount = 0, long TokensForIngestion = 0, long? TokensRemaining = null,
    long? TotalTokenLimit = null);

/// A sample's outcome, ready to store: its chunks, its text's length and tokens, and what graph memory learned from it.
public sealed record Ingested(SampleWork Sample, IReadOnlyList<Chunk> Chunks, long Length, long Tokens, Graph.EmbeddedGraph? Graph = null);

/// `SearchText`, when set, is what the lexical index reads instead of Content.
public sealed record Chunk(int Ordinal, string Content, DateTime? DatedAt, float[] Vector, string? SearchText = null);

public static class IngestionMessages
{
    /// duohub's graph memories say "Graph ingestion …".
    public static string Prefix(string memoryType) => memoryType == "graph" ? "Graph ingestion" : "Ingestion";
}
