using Engram.Embeddings;

namespace Engram.MemoryBench;

/// What every phase works with: the server and its API, its database, the same model in this
/// process (the floor), the corpus, and the queries every phase asks in the same order.
internal sealed record Bench(ServerProcess Server, EngramApi Api, ChunkDatabase Database, IEmbedder Embedder, Corpus Corpus,
    string[] Queries, TimeSpan RateDuration, int Connections);
