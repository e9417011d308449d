using Engram.Messages;
using Engram.Paging;
using Engram.Sessions;
using Engram.Users;

namespace Engram.Storage;

/// The one seam between Engram and its database. There are two real implementations,
/// SqliteStore and PostgresStore; the SQL of the methods below is written once, in SqlStore, and
/// a new table's class (the memory half's) runs its own SQL through ReadAsync and WriteAsync.
/// Every method is scoped to one account.
public interface IStore : IAsyncDisposable
{
    Task MigrateAsync(CancellationToken cancellationToken = default);
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    StoreKind Kind { get; }
    /// Runs `read` on a pooled connection, outside any transaction.
    Task<T> ReadAsync<T>(Func<ISqlConnection, Task<T>> read, CancellationToken cancellationToken = default);
    /// Runs `write` in one transaction and returns once it has committed: all of it is stored or
    /// none of it. On SQLite it joins the group commit; keep slow work (embedding, fetching) outside.
    Task<T> WriteAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default);
    /// WriteAsync for work that is one statement (one statement is atomic on its own): PostgreSQL
    /// runs it without a transaction around it, a round trip less; SQLite joins the group commit.
    Task<T> WriteStatementAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default);

    /// A random secret created once per database (the page-token signing key), shared by every node.
    Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken = default);

    Task<bool> AnyApiKeyAsync(CancellationToken cancellationToken = default);
    /// Adds the key unless its hash is stored already; creates the account if it is new.
    Task<bool> AddApiKeyAsync(NewApiKey key, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<StoredApiKey>> FindApiKeysAsync(string prefix, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<StoredApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default);
    Task<int> RevokeApiKeysAsync(string prefix, DateTime at, CancellationToken cancellationToken = default);
    Task TouchApiKeyAsync(long keyId, DateTime at, CancellationToken cancellationToken = default);

    Task<InsertOutcome> InsertSessionAsync(Session session, CancellationToken cancellationToken = default);
    Task<Session?> GetSessionAsync(string account, string id, CancellationToken cancellationToken = default);
    Task<Page<Session>> ListSessionsAsync(string account, string? customerUserId, PageRequest page,
        CancellationToken cancellationToken = default);
    /// Soft-deletes the session and hides its messages in one transaction, which also takes them out of
    /// every memory (their samples, chunks and facts); false when there is no live session.
    Task<bool> DeleteSessionAsync(string account, string id, DateTime at, CancellationToken cancellationToken = default);
    /// Sets endedAt once; ending an ended session returns it unchanged. Null when there is no live session.
    Task<Session?> EndSessionAsync(string account, string id, DateTime at, CancellationToken cancellationToken = default);

    Task<MessageInsert> InsertMessageAsync(NewMessage message, CancellationToken cancellationToken = default);
    Task<Message?> GetMessageAsync(string account, string id, CancellationToken cancellationToken = default);
    /// A page of messages with its TotalCount (every message the filter matches) set.
    Task<Page<Message>> ListMessagesAsync(string account, MessageFilter filter, PageRequest page,
        CancellationToken cancellationToken = default);
    /// Deletes the message and, in the same transaction, what every memory made of it.
    Task<bool> DeleteMessageAsync(string account, string id, CancellationToken cancellationToken = default);

    Task<InsertOutcome> InsertUserAsync(User user, CancellationToken cancellationToken = default);
    Task<User?> GetUserAsync(string account, string id, CancellationToken cancellationToken = default);
    Task<Page<User>> ListUsersAsync(string account, PageRequest page, CancellationToken cancellationToken = default);
    Task<bool> DeleteUserAsync(string account, string id, CancellationToken cancellationToken = default);
}

public enum InsertOutcome { Created, Duplicate }

public sealed record NewApiKey(string AccountId, string Prefix, byte[] Hash, DateTime CreatedAt);

public sealed record StoredApiKey(
    long Id, string AccountId, string Prefix, byte[] Hash, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// A message as the handler validated it; the store fills in what comes from its session.
public sealed record NewMessage(
    string AccountId, string Id, string SessionId, string Role, string Content, string? CustomerUserId, DateTime At);

public enum MessageInsertOutcome { Created, SessionNotFound, SessionEnded, Duplicate }

public sealed record MessageInsert(MessageInsertOutcome Outcome, Message? Message);

/// The `/messages/list` filters; null means no filter.
public sealed record MessageFilter(string? SessionId, string? CustomerUserId, string? Role);
