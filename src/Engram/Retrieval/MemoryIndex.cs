namespace Engram.Retrieval;

/// One memory's chunks as this process searches them.
public sealed class MemoryIndex(int dimensions, long incarnation) : LoadedIndex(incarnation)
{
    public VectorIndex Vectors { get; } = new(dimensions);
    // b = 0: chunks and conversation turns are short, and length normalisation hurt on them.
    public LexicalIndex Words { get; } = new(k1: 1.2f, b: 0f);
    /// Conversation turns by session, so BM25 reads each between its neighbours.
    public ConversationWindows Turns { get; } = new();
    /// The chunk seqs loaded; touched only under Refresh.
    public HashSet<long> Ids { get; } = [];
    public long LastSeq { get; set; }
    public long IndexVersion { get; set; } = -1;
    public long RemovalVersion { get; set; }
    public SemaphoreSlim Refresh { get; } = new(1, 1);
    /// The embedding model of the memory when it was last queried: the next query's vector is made
    /// before the memory's row is read again only when that model is this process's.
    public string? Model { get; set; }

    /// Each part keeps its own count, so this walks nothing; a HashSet entry of Ids is about 24 bytes.
    public override long EstimatedBytes => Vectors.EstimatedBytes + Words.EstimatedBytes + Turns.EstimatedBytes + 24L * Ids.Count;
}
