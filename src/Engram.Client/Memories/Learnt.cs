using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>A person, place, organization, product, date or title a memory learnt, under its canonical name.</summary>
public sealed record Entity
{
    /// <summary>The entity's id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>The memory that learnt it.</summary>
    [JsonPropertyName("memoryID")] public string MemoryId { get; init; } = "";

    /// <summary>Its canonical name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary><c>person</c>, <c>place</c>, <c>organization</c>, <c>product</c>, <c>date</c>, <c>title</c> or <c>other</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";

    /// <summary>The other names it goes by, merged across samples.</summary>
    [JsonPropertyName("aliases")] public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>How many facts mention it.</summary>
    [JsonPropertyName("factCount")] public long FactCount { get; init; }

    /// <summary>When it was first learnt (UTC).</summary>
    [JsonPropertyName("createdAt")] public DateTime CreatedAt { get; init; }

    /// <summary>When its aliases last changed (UTC).</summary>
    [JsonPropertyName("updatedAt")] public DateTime UpdatedAt { get; init; }
}

/// <summary>A self-contained sentence a memory learnt, with the entities it connects.</summary>
public sealed record Fact
{
    /// <summary>The fact's id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>The memory that learnt it.</summary>
    [JsonPropertyName("memoryID")] public string MemoryId { get; init; } = "";

    /// <summary>The sentence.</summary>
    [JsonPropertyName("content")] public string Content { get; init; } = "";

    /// <summary>The names of the entities it mentions.</summary>
    [JsonPropertyName("entities")] public IReadOnlyList<string> Entities { get; init; } = [];

    /// <summary>The relation it states (e.g. <c>works at</c>), when the extractor named one.</summary>
    [JsonPropertyName("relation")] public string? Relation { get; init; }

    /// <summary>When it held, when known (UTC).</summary>
    [JsonPropertyName("validAt")] public DateTime? ValidAt { get; init; }

    /// <summary>The sample it was learnt from.</summary>
    [JsonPropertyName("sampleID")] public string SampleId { get; init; } = "";

    /// <summary>The file or message it was learnt from.</summary>
    [JsonPropertyName("sourceID")] public string? SourceId { get; init; }

    /// <summary>When it was learnt (UTC).</summary>
    [JsonPropertyName("createdAt")] public DateTime CreatedAt { get; init; }
}

/// <summary>One page of a memory's entities, oldest first.</summary>
public sealed record EntityList : IPage<Entity>
{
    /// <summary>The entities on this page.</summary>
    [JsonPropertyName("entities")] public IReadOnlyList<Entity> Entities { get; init; } = [];

    /// <inheritdoc/>
    [JsonPropertyName("nextToken")] public string? NextToken { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("previousToken")] public string? PreviousToken { get; init; }

    /// <summary>How many entities are on this page.</summary>
    [JsonPropertyName("count")] public int Count { get; init; }

    IReadOnlyList<Entity> IPage<Entity>.Items => Entities;
}

/// <summary>One page of a memory's facts, oldest first.</summary>
public sealed record FactList : IPage<Fact>
{
    /// <summary>The facts on this page.</summary>
    [JsonPropertyName("facts")] public IReadOnlyList<Fact> Facts { get; init; } = [];

    /// <inheritdoc/>
    [JsonPropertyName("nextToken")] public string? NextToken { get; init; }

    /// <inheritdoc/>
    [JsonPropertyName("previousToken")] public string? PreviousToken { get; init; }

    /// <summary>How many facts are on this page.</summary>
    [JsonPropertyName("count")] public int Count { get; init; }

    IReadOnlyList<Fact> IPage<Fact>.Items => Facts;
}
