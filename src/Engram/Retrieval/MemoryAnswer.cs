using System.Text.Json.Serialization;

namespace Engram.Retrieval;

/// GET /memory's answer, with no envelope, exactly as duohub's.
public sealed record MemoryAnswer(
    IReadOnlyList<PayloadItem> Payload, IReadOnlyList<FactItem> Facts, IReadOnlyList<SourceItem> Sources,
    [property: JsonPropertyName("token_count")] int TokenCount)
{
    public static readonly MemoryAnswer Empty = new([], [], [], 0);
}

public sealed record PayloadItem(string Content, double Score);

public sealed record FactItem(string Content);

/// `id`, `name`, `url`, `score` are duohub's; `type`, `sessionID`, `createdAt` are Engram's extensions.
public sealed record SourceItem(string Id, string Name, string? Url, double Score, string Type, string? SessionID, DateTime? CreatedAt);
