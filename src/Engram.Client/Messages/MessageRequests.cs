using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>The body of <see cref="MessagesClient.CreateAsync(CreateMessageRequest, CancellationToken)"/>.</summary>
public sealed record CreateMessageRequest
{
    /// <summary>The session to add the message to; it must exist and not be ended.</summary>
    [JsonPropertyName("sessionID")] public required string SessionId { get; init; }

    /// <summary>Who spoke: one of <see cref="MessageRoles"/>.</summary>
    [JsonPropertyName("role")] public required string Role { get; init; }

    /// <summary>What was said: 1-32768 characters.</summary>
    [JsonPropertyName("content")] public required string Content { get; init; }

    /// <summary>The end user; the session's when null.</summary>
    [JsonPropertyName("customerUserID")] public string? CustomerUserId { get; init; }

    /// <summary>The id to give the message; the server generates one when null.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
}

/// <summary>Which page of messages <see cref="MessagesClient.ListAsync"/> asks for; filters combine.</summary>
public sealed record ListMessagesRequest : IListRequest<ListMessagesRequest>
{
    /// <summary>Only the messages of this session.</summary>
    public string? SessionId { get; init; }

    /// <summary>Only the messages of this end user.</summary>
    public string? CustomerUserId { get; init; }

    /// <summary>Only the messages with this role (one of <see cref="MessageRoles"/>).</summary>
    public string? Role { get; init; }

    /// <summary>Messages per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="MessageList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="MessageList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListMessagesRequest IListRequest<ListMessagesRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}
