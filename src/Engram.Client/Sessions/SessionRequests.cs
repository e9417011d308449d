using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>The body of <see cref="SessionsClient.CreateAsync"/>; every field is optional.</summary>
public sealed record CreateSessionRequest
{
    /// <summary>The id to give the session (1-128 printable characters without / ? # % \ or spaces); the server generates one when null.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>The end user the session is about.</summary>
    [JsonPropertyName("customerUserID")] public string? CustomerUserId { get; init; }

    /// <summary>At most 64 key-value pairs with unique keys.</summary>
    [JsonPropertyName("metadata")] public IReadOnlyList<MetadataItem>? Metadata { get; init; }
}

/// <summary>Which page of sessions <see cref="SessionsClient.ListAsync"/> asks for.</summary>
public sealed record ListSessionsRequest : IListRequest<ListSessionsRequest>
{
    /// <summary>Only the sessions of this end user.</summary>
    public string? CustomerUserId { get; init; }

    /// <summary>Sessions per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="SessionList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="SessionList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListSessionsRequest IListRequest<ListSessionsRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}
