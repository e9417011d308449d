using System.Data.Common;
using static Engram.Storage.StoredRows;

namespace Engram.Storage;

/// The lists both backends page through, with their filters. Both schemas have the same columns,
/// and an index for each list's filters and order (SQLite's session indexes also hold the listed
/// columns), so the SQL is the same on both, and each list's statements are built once.
public static class StoredLists
{
    public static readonly KeysetList Sessions = new(SessionColumns,
        "sessions WHERE account_id = @account AND deleted_at IS NULL", "created_at", "id", descending: true);

    public static readonly KeysetList CustomerSessions = new(SessionColumns,
        "sessions WHERE account_id = @account AND deleted_at IS NULL AND customer_user_id = @customer", "created_at", "id", descending: true);

    public static readonly KeysetList Users = new(UserColumns, "users WHERE account_id = @account", "created_at", "id", descending: true);

    // One list per combination of the three message filters, indexed as in Messages().
    private static readonly KeysetList[] MessageLists = [.. Enumerable.Range(0, 8).Select(filters => new KeysetList(MessageColumns,
        "messages WHERE account_id = @account AND deleted_at IS NULL"
            + ((filters & 1) == 0 ? "" : " AND session_id = @session")
            + ((filters & 2) == 0 ? "" : " AND customer_user_id = @customer")
            + ((filters & 4) == 0 ? "" : " AND role = @role"),
        "seq", "id", descending: false, counted: true))];

    public static KeysetList SessionsOf(string? customerUserId) => customerUserId is null ? Sessions : CustomerSessions;

    public static KeysetList Messages(MessageFilter filter) => MessageLists[
        (filter.SessionId is null ? 0 : 1) | (filter.CustomerUserId is null ? 0 : 2) | (filter.Role is null ? 0 : 4)];

    public static void BindSessions(DbCommand command, string account, string? customerUserId)
    {
        KeysetPaging.Add(command, "@account", account);
        if (customerUserId is not null)
        {
            KeysetPaging.Add(command, "@customer", customerUserId);
        }
    }

    public static void BindMessages(DbCommand command, string account, MessageFilter filter)
    {
        KeysetPaging.Add(command, "@account", account);
        if (filter.SessionId is not null)
        {
            KeysetPaging.Add(command, "@session", filter.SessionId);
        }
        if (filter.CustomerUserId is not null)
        {
            KeysetPaging.Add(command, "@customer", filter.CustomerUserId);
        }
        if (filter.Role is not null)
        {
            KeysetPaging.Add(command, "@role", filter.Role);
        }
    }
}
