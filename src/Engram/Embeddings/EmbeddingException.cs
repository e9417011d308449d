namespace Engram.Embeddings;

/// Embedding failed for a reason outside the caller's control (the endpoint refused, timed out or
/// answered nonsense). The message is one sentence, fit to show as a sample's or a file's error.
public sealed class EmbeddingException : Exception
{
    public EmbeddingException(string message) : base(message) { }

    public EmbeddingException(string message, Exception innerException) : base(message, innerException) { }
}
