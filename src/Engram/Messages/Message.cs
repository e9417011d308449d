namespace Engram.Messages;

public sealed record Message(
    string Id,
    string SessionID,
    string Role,
    string Content,
    string UserID,
    string? CustomerUserID,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record MessageList(
    IReadOnlyList<Message> Messages, string? NextToken, string? PreviousToken, int Count, long TotalCount);

public static class Roles
{
    public static readonly string[] All = ["norole", "system", "assistant", "user", "function", "tool"];

    public static bool IsKnown(string role) => Array.IndexOf(All, role) >= 0;
}
