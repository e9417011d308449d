namespace Engram;

/// `Engram:Embeddings` and `Engram:Llm`: an OpenAI-compatible endpoint. In DI each is a keyed
/// `IOptions<ModelEndpointOptions>` under `EmbeddingsKey` or `LlmKey`.
public sealed record ModelEndpointOptions
{
    public const string EmbeddingsKey = "Embeddings";
    public const string LlmKey = "Llm";

    /// Null: embeddings come from the packaged model, and nothing calls a language model.
    public string? Endpoint { get; init; }

    public string? Model { get; init; }

    public string? ApiKey { get; init; }

    /// How long one request may take before it is tried again; null is the caller's default.
    /// Only `Engram:Llm:TimeoutSeconds` sets it (the embeddings endpoint keeps its own 60 s).
    public double? TimeoutSeconds { get; init; }
}
