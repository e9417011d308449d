using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>What <see cref="EngramClient.QueryAsync"/> answers: the relevant memory, best first, and where it came from.</summary>
public sealed record MemoryAnswer
{
    /// <summary>
    /// The best chunks (vector memory), one rendering of the subgraph that answers (graph memory), or one
    /// sentence that answers (assisted); empty when nothing is ingested yet.
    /// </summary>
    [JsonPropertyName("payload")] public IReadOnlyList<MemoryPayload> Payload { get; init; } = [];

    /// <summary>Up to 3 supporting facts when <see cref="MemoryQueryRequest.Facts"/> or <see cref="MemoryQueryRequest.Assisted"/> was set; else empty.</summary>
    [JsonPropertyName("facts")] public IReadOnlyList<MemoryFact> Facts { get; init; } = [];

    /// <summary>The files and messages the answer came from, one each, best first.</summary>
    [JsonPropertyName("sources")] public IReadOnlyList<MemorySource> Sources { get; init; } = [];

    /// <summary>The tokens of the payload's contents (cl100k), for sizing a prompt.</summary>
    [JsonPropertyName("token_count")] public int TokenCount { get; init; }
}

/// <summary>One piece of retrieved memory.</summary>
public sealed record MemoryPayload
{
    /// <summary>The text, with its date when it has one.</summary>
    [JsonPropertyName("content")] public string Content { get; init; } = "";

    /// <summary>Relevance in 0-1, higher is better.</summary>
    [JsonPropertyName("score")] public double Score { get; init; }
}

/// <summary>A self-contained sentence that supports the answer.</summary>
public sealed record MemoryFact
{
    /// <summary>The fact, with its date when known.</summary>
    [JsonPropertyName("content")] public string Content { get; init; } = "";
}

/// <summary>A file or message that retrieved memory came from.</summary>
public sealed record MemorySource
{
    /// <summary>The file's id or the message's id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>The file's name, or <c>session &lt;sessionID&gt;</c> for a message.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>The file's URL (its externalURI, or the server's <c>/files/get/{id}</c>); null for a message.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>The best score of what came from it, 0-1.</summary>
    [JsonPropertyName("score")] public double Score { get; init; }

    /// <summary><c>file</c> or <c>message</c> (an Engram extension; null from duohub).</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The message's session (an Engram extension); null for a file.</summary>
    [JsonPropertyName("sessionID")] public string? SessionId { get; init; }

    /// <summary>When the message was said or the file created (an Engram extension); null when unknown.</summary>
    [JsonPropertyName("createdAt")] public DateTime? CreatedAt { get; init; }
}

/// <summary>What <see cref="EngramClient.QueryAsync"/> asks a memory. <c>GET /memory</c>'s query string.</summary>
public sealed record MemoryQueryRequest
{
    /// <summary>The memory to search.</summary>
    public required string MemoryId { get; init; }

    /// <summary>The question or the words to look for: 1-2000 characters.</summary>
    public required string Query { get; init; }

    /// <summary>How many chunks or facts to draw on, 1-50; 5 when null.</summary>
    public int? TopK { get; init; }

    /// <summary>Whether to return up to 3 supporting facts; false when null.</summary>
    public bool? Facts { get; init; }

    /// <summary>Whether to answer in one sentence built from the memory; false when null.</summary>
    public bool? Assisted { get; init; }
}
