using System.Data.Common;
using Engram.Messages;
using Engram.Paging;
using Engram.Sessions;
using Engram.Users;

namespace Engram.Storage;

/// The columns each backend selects, in one order, and how a row of them becomes a record.
/// Both schemas store the same columns with the same meaning, so this is written once.
public static class StoredRows
{
    // Every read is within the caller's account, so account_id is never read back; sessions and
    // messages are only read while live (deleted_at IS NULL), so neither is deleted_at.
    public const string SessionColumns = "id, customer_user_id, metadata, created_at, updated_at, ended_at";
    public const string MessageColumns = "seq, id, session_id, role, content, customer_user_id, created_at, updated_at";
    public const string UserColumns = "id, first_name, last_name, email, phone, created_at, updated_at";
    public const string KeyColumns = "id, account_id, prefix, key_hash, created_at, last_used_at, revoked_at";

    /// The session of a row whose position (SessionPosition) is already read: its id and
    /// created_at are the position's, so neither is read from the row twice.
    public static Session ReadSession(DbDataReader reader, string account, Position position) => new(
        Id: position.Id,
        UserID: account,
        CustomerUserID: NullableString(reader, 1),
        Metadata: SessionMetadata.Read(reader.GetString(2)),
        CreatedAt: UnixMs.ToDateTime(position.Key),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(4)),
        DeletedAt: null,
        EndedAt: NullableTime(reader, 5));

    /// A listed session's keyset position: created_at, then id.
    public static Position SessionPosition(DbDataReader reader) => new(reader.GetInt64(3), reader.GetString(0));

    /// The message of a row whose position (MessagePosition) is already read.
    public static Message ReadMessage(DbDataReader reader, string account, Position position) => new(
        Id: position.Id,
        SessionID: reader.GetString(2),
        Role: reader.GetString(3),
        Content: reader.GetString(4),
        UserID: account,
        CustomerUserID: NullableString(reader, 5),
        CreatedAt: UnixMs.ToDateTime(reader.GetInt64(6)),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(7)));

    /// A listed message's keyset position: its place in creation order (seq), then id.
    public static Position MessagePosition(DbDataReader reader) => new(reader.GetInt64(0), reader.GetString(1));

    /// The user of a row whose position (UserPosition) is already read.
    public static User ReadUser(DbDataReader reader, string account, Position position) => new(
        Id: position.Id,
        FirstName: reader.GetString(1),
        LastName: reader.GetString(2),
        Email: NullableString(reader, 3),
        Phone: NullableString(reader, 4),
        Owner: account,
        UserID: account,
        CreatedAt: UnixMs.ToDateTime(position.Key),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(6)));

    /// A listed user's keyset position: created_at, then id.
    public static Position UserPosition(DbDataReader reader) => new(reader.GetInt64(5), reader.GetString(0));

    public static StoredApiKey ReadKey(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3),
        UnixMs.ToDateTime(reader.GetInt64(4)), NullableTime(reader, 5), NullableTime(reader, 6));

    public static DateTime? NullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixMs.ToDateTime(reader.GetInt64(ordinal));

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
