using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>The body of <see cref="MemoriesClient.CreateAsync"/>; unset fields take the server's defaults.</summary>
public sealed record CreateMemoryRequest
{
    /// <summary>The memory's name: 1-256 characters.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>One of <see cref="MemoryTypes"/>.</summary>
    [JsonPropertyName("memoryType")] public required string MemoryType { get; init; }

    /// <summary>At most 4096 characters; empty when null.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>One of <see cref="Ontologies"/>; required for a graph memory.</summary>
    [JsonPropertyName("ontology")] public string? Ontology { get; init; }

    /// <summary>About how many characters a chunk holds, 50-8000; 250 when null.</summary>
    [JsonPropertyName("chunkSize")] public int? ChunkSize { get; init; }

    /// <summary>How much neighbouring chunks overlap, 1-50 percent of the chunk size; 10 when null.</summary>
    [JsonPropertyName("chunkOverlap")] public int? ChunkOverlap { get; init; }

    /// <summary>An absolute http or https URL that gets the ingestion status webhooks.</summary>
    [JsonPropertyName("webhookUrl")] public string? WebhookUrl { get; init; }

    /// <summary>duohub's acceleration flag; false when null.</summary>
    [JsonPropertyName("acceleration")] public bool? Acceleration { get; init; }

    /// <summary>Whether to extract facts at ingestion; false when null.</summary>
    [JsonPropertyName("factExtraction")] public bool? FactExtraction { get; init; }

    /// <summary>The id to give the memory; the server generates one when null.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
}

/// <summary>The body of <see cref="MemoriesClient.AddFilesAsync"/>.</summary>
public sealed record AddFilesRequest
{
    /// <summary>The memory to add the files to.</summary>
    [JsonPropertyName("memoryID")] public required string MemoryId { get; init; }

    /// <summary>1-100 file ids; a file already in the memory keeps its sample.</summary>
    [JsonPropertyName("files")] public required IReadOnlyList<string> Files { get; init; }
}

/// <summary>Which page of memories <see cref="MemoriesClient.ListAsync"/> asks for.</summary>
public sealed record ListMemoriesRequest : IListRequest<ListMemoriesRequest>
{
    /// <summary>Memories per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="MemoryList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="MemoryList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListMemoriesRequest IListRequest<ListMemoriesRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}

/// <summary>Which page of a memory's samples <see cref="MemoriesClient.ListSamplesAsync"/> asks for.</summary>
public sealed record ListSamplesRequest : IListRequest<ListSamplesRequest>
{
    /// <summary>The memory whose samples to list.</summary>
    public required string MemoryId { get; init; }

    /// <summary>Samples per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="SampleList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="SampleList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListSamplesRequest IListRequest<ListSamplesRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}
