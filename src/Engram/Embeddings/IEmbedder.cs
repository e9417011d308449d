namespace Engram.Embeddings;

/// Turns text into unit-length vectors, so a dot product is the cosine similarity. Documents and
/// queries are separate calls because some models embed a query differently (ArcticXs prefixes it).
public interface IEmbedder
{
    /// Recorded per memory: a memory is never searched with vectors of another model.
    string Model { get; }

    /// 384 for the packaged models; an endpoint's is learned from its first answer (0 until then).
    int Dimensions { get; }

    /// One unit vector per text, in input order.
    Task<float[][]> EmbedDocumentsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    Task<float[]> EmbedQueryAsync(string query, CancellationToken cancellationToken);
}
