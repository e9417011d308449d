namespace Engram.Retrieval;

/// One hit of a search: the chunk's id and how well it matched, higher is better. What a score
/// means depends on who made it (cosine, BM25, fused rank); only the order is comparable across.
public readonly record struct Scored(long Id, float Score);
