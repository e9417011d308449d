using System.Data.Common;

namespace Engram.Storage;

// Where StoredRows' columns are in a statement's rows, by name; see ColumnOrdinals for when they
// are looked up.

public sealed class SessionOrdinals(DbDataReader reader)
{
    public int Id { get; } = reader.GetOrdinal("id");
    public int CustomerUserId { get; } = reader.GetOrdinal("customer_user_id");
    public int Metadata { get; } = reader.GetOrdinal("metadata");
    public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
    public int EndedAt { get; } = reader.GetOrdinal("ended_at");
}

public sealed class MessageOrdinals(DbDataReader reader)
{
    public int Seq { get; } = reader.GetOrdinal("seq");
    public int Id { get; } = reader.GetOrdinal("id");
    public int SessionId { get; } = reader.GetOrdinal("session_id");
    public int Role { get; } = reader.GetOrdinal("role");
    public int Content { get; } = reader.GetOrdinal("content");
    public int CustomerUserId { get; } = reader.GetOrdinal("customer_user_id");
    public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
}

public sealed class UserOrdinals(DbDataReader reader)
{
    public int Id { get; } = reader.GetOrdinal("id");
    public int FirstName { get; } = reader.GetOrdinal("first_name");
    public int LastName { get; } = reader.GetOrdinal("last_name");
    public int Email { get; } = reader.GetOrdinal("email");
    public int Phone { get; } = reader.GetOrdinal("phone");
    public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
}

public sealed class KeyOrdinals(DbDataReader reader)
{
    public int Id { get; } = reader.GetOrdinal("id");
    public int AccountId { get; } = reader.GetOrdinal("account_id");
    public int Prefix { get; } = reader.GetOrdinal("prefix");
    public int KeyHash { get; } = reader.GetOrdinal("key_hash");
    public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    public int LastUsedAt { get; } = reader.GetOrdinal("last_used_at");
    public int RevokedAt { get; } = reader.GetOrdinal("revoked_at");
}
