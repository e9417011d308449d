using System.Text.Json.Serialization;

namespace Engram.Embeddings;

// The OpenAI embeddings wire shapes, as far as Engram reads them; vLLM, llama.cpp's server,
// Ollama and others answer the same.
internal sealed record EmbeddingsRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("input")] IReadOnlyList<string> Input);

internal sealed record EmbeddingsResponse(
    [property: JsonPropertyName("data")] List<EmbeddingItem>? Data);

internal sealed record EmbeddingItem(
    [property: JsonPropertyName("embedding")] float[]? Embedding,
    [property: JsonPropertyName("index")] int Index);

internal sealed record ErrorResponse(
    [property: JsonPropertyName("error")] ErrorDetail? Error);

internal sealed record ErrorDetail(
    [property: JsonPropertyName("message")] string? Message);

[JsonSerializable(typeof(EmbeddingsRequest))]
[JsonSerializable(typeof(EmbeddingsResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class OpenAiJson : JsonSerializerContext;
