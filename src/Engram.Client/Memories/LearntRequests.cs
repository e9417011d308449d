namespace Engram.Client;

/// <summary>A page of a memory's entities.</summary>
public sealed record ListEntitiesRequest : IListRequest<ListEntitiesRequest>
{
    /// <summary>The memory whose entities to list.</summary>
    public required string MemoryId { get; init; }

    /// <summary>Entities per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="EntityList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="EntityList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListEntitiesRequest IListRequest<ListEntitiesRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}

/// <summary>A page of a memory's facts, all of them or one entity's.</summary>
public sealed record ListFactsRequest : IListRequest<ListFactsRequest>
{
    /// <summary>The memory whose facts to list.</summary>
    public required string MemoryId { get; init; }

    /// <summary>An entity's id or name: only the facts that mention it.</summary>
    public string? Entity { get; init; }

    /// <summary>Facts per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="FactList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="FactList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListFactsRequest IListRequest<ListFactsRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}
