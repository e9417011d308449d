using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>One file or one message in one memory, with its ingestion status.</summary>
public sealed record Sample
{
    /// <summary>The sample's id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>The memory it belongs to.</summary>
    [JsonPropertyName("memoryID")] public string MemoryId { get; init; } = "";

    /// <summary>The file, for a file's sample.</summary>
    [JsonPropertyName("fileID")] public string? FileId { get; init; }

    /// <summary>The message, for a message's sample.</summary>
    [JsonPropertyName("messageID")] public string? MessageId { get; init; }

    /// <summary>The message's session, for a message's sample.</summary>
    [JsonPropertyName("sessionID")] public string? SessionId { get; init; }

    /// <summary>The account that owns it.</summary>
    [JsonPropertyName("userID")] public string UserId { get; init; } = "";

    /// <summary><c>document</c> for a file, <c>human</c> for a user's message, <c>ai</c> for any other.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";

    /// <summary><c>pending</c>, <c>processing</c>, <c>success</c> or <c>failed</c> (see <see cref="MemoryStatuses"/>).</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = "";

    /// <summary>Why the sample failed, in a sentence; null unless it did.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The tokens of its text once ingested (an Engram extension); null before.</summary>
    [JsonPropertyName("tokens")] public long? Tokens { get; init; }

    /// <summary>When the sample was added (UTC).</summary>
    [JsonPropertyName("createdAt")] public DateTime CreatedAt { get; init; }

    /// <summary>When its status last changed (UTC).</summary>
    [JsonPropertyName("updatedAt")] public DateTime UpdatedAt { get; init; }
}

/// <summary>One page of a memory's samples, oldest first.</summary>
public sealed record SampleList : IPage<Sample>
{
    /// <summary>The samples on this page.</summary>
    [JsonPropertyName("samples")] public IReadOnlyList<Sample> Samples { get; init; } = [];

    /// <inheritdoc/>
    [JsonPropertyName("nextToken")] public string? NextToken { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("previousToken")] public string? PreviousToken { get; init; }

    /// <summary>How many samples are on this page.</summary>
    [JsonPropertyName("count")] public int Count { get; init; }

    IReadOnlyList<Sample> IPage<Sample>.Items => Samples;
}
