using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>The body of <see cref="UsersClient.CreateAsync"/>.</summary>
public sealed record CreateUserRequest
{
    /// <summary>First name: 1-256 characters.</summary>
    [JsonPropertyName("firstName")] public required string FirstName { get; init; }

    /// <summary>Last name: 1-256 characters.</summary>
    [JsonPropertyName("lastName")] public required string LastName { get; init; }

    /// <summary>An email address like <c>name@example.com</c>.</summary>
    [JsonPropertyName("email")] public string? Email { get; init; }

    /// <summary>7-32 characters of digits, spaces and <c>+ - ( )</c>.</summary>
    [JsonPropertyName("phone")] public string? Phone { get; init; }

    /// <summary>The id to give the user (the value sessions and messages carry as <c>customerUserID</c>); generated when null.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
}

/// <summary>Which page of users <see cref="UsersClient.ListAsync"/> asks for.</summary>
public sealed record ListUsersRequest : IListRequest<ListUsersRequest>
{
    /// <summary>Users per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="UserList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="UserList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListUsersRequest IListRequest<ListUsersRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}
