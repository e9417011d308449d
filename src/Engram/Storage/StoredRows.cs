using System.Data.Common;
using Engram.Messages;
using Engram.Paging;
using Engram.Sessions;
using Engram.Users;

namespace Engram.Storage;

/// The columns each table's statements select, and how a row of them becomes a record. Both
/// schemas store the same columns with the same meaning, so this is written once; columns are
/// read by name, through ordinals each statement resolves once (ColumnOrdinals).
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
    public static Session ReadSession(DbDataReader reader, SessionOrdinals at, string account, Position position) => new(
        Id: position.Id,
        UserID: account,
        CustomerUserID: NullableString(reader, at.CustomerUserId),
        Metadata: SessionMetadata.Read(reader.GetString(at.Metadata)),
        CreatedAt: UnixMs.ToDateTime(position.Key),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(at.UpdatedAt)),
        DeletedAt: null,
        EndedAt: NullableTime(reader, at.EndedAt));

    /// A listed session's keyset position: created_at, then id.
    public static Position SessionPosition(DbDataReader reader, SessionOrdinals at) =>
        new(reader.GetInt64(at.CreatedAt), reader.GetString(at.Id));

    /// The message of a row whose position (MessagePosition) is already read.
    public static Message ReadMessage(DbDataReader reader, MessageOrdinals at, string account, Position position) => new(
        Id: position.Id,
        SessionID: reader.GetString(at.SessionId),
        Role: reader.GetString(at.Role),
        Content: reader.GetString(at.Content),
        UserID: account,
        CustomerUserID: NullableString(reader, at.CustomerUserId),
        CreatedAt: UnixMs.ToDateTime(reader.GetInt64(at.CreatedAt)),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(at.UpdatedAt)));

    /// A listed message's keyset position: its place in creation order (seq), then id.
    public static Position MessagePosition(DbDataReader reader, MessageOrdinals at) =>
        new(reader.GetInt64(at.Seq), reader.GetString(at.Id));

    /// The user of a row whose position (UserPosition) is already read.
    public static User ReadUser(DbDataReader reader, UserOrdinals at, string account, Position position) => new(
        Id: position.Id,
        FirstName: reader.GetString(at.FirstName),
        LastName: reader.GetString(at.LastName),
        Email: NullableString(reader, at.Email),
        Phone: NullableString(reader, at.Phone),
        Owner: account,
        UserID: account,
        CreatedAt: UnixMs.ToDateTime(position.Key),
        UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(at.UpdatedAt)));

    /// A listed user's keyset position: created_at, then id.
    public static Position UserPosition(DbDataReader reader, UserOrdinals at) =>
        new(reader.GetInt64(at.CreatedAt), reader.GetString(at.Id));

    public static StoredApiKey ReadKey(DbDataReader reader, KeyOrdinals at) => new(
        reader.GetInt64(at.Id), reader.GetString(at.AccountId), reader.GetString(at.Prefix), (byte[])reader.GetValue(at.KeyHash),
        UnixMs.ToDateTime(reader.GetInt64(at.CreatedAt)), NullableTime(reader, at.LastUsedAt), NullableTime(reader, at.RevokedAt));

    public static DateTime? NullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixMs.ToDateTime(reader.GetInt64(ordinal));

    public static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
