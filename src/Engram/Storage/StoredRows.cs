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
    /// Sessions are only ever read within their account and while live (deleted_at IS NULL), so
    /// neither of those columns is read back: the caller knows both.
    public const string SessionColumns = "id, customer_user_id, metadata, created_at, updated_at, ended_at";
    public const string MessageColumns = "seq, account_id, id, session_id, role, content, customer_user_id, created_at, updated_at";
    public const string UserColumns = "account_id, id, first_name, last_name, email, phone, created_at, updated_at";
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
    public static Message ReadMessage(DbDataReader reader, Position position) => new(
        Id: position.Id,
        SessionID: reader.GetString(3),
        Role: reader.GetString(4),
        Content: reader.GetString(5),
        UserID: reader.GetString(1),
        CustomerUserID: NullableString(reader, 6),
        CreatedAt: UnixMs.ToDateTime(reader.GetInt64(7)),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(8)));

    /// A listed message's keyset position: its place in creation order (seq), then id.
    public static Position MessagePosition(DbDataReader reader) => new(reader.GetInt64(0), reader.GetString(2));

    /// The user of a row whose position (UserPosition) is already read.
    public static User ReadUser(DbDataReader reader, Position position) => new(
        Id: position.Id,
        FirstName: reader.GetString(2),
        LastName: reader.GetString(3),
        Email: NullableString(reader, 4),
        Phone: NullableString(reader, 5),
        Owner: reader.GetString(0),
        UserID: reader.GetString(0),
        CreatedAt: UnixMs.ToDateTime(position.Key),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(7)));

    /// A listed user's keyset position: created_at, then id.
    public static Position UserPosition(DbDataReader reader) => new(reader.GetInt64(6), reader.GetString(1));

    public static StoredApiKey ReadKey(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3),
        UnixMs.ToDateTime(reader.GetInt64(4)), NullableTime(reader, 5), NullableTime(reader, 6));

    public static DateTime? NullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixMs.ToDateTime(reader.GetInt64(ordinal));

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
