namespace Engram.Tests;

// One sealed subclass per suite and backend: the suites are written once, against HTTP.
public sealed class SqliteRequestRulesTests(SqliteServer server) : RequestRulesTests(server);
public sealed class SqliteSessionsTests(SqliteServer server) : SessionsTests(server);
public sealed class SqliteSessionLifecycleTests(SqliteServer server) : SessionLifecycleTests(server);
public sealed class SqliteSessionPagingTests(SqliteServer server) : SessionPagingTests(server);
public sealed class SqlitePageTokenTests(SqliteServer server) : PageTokenTests(server);
public sealed class SqliteMessagesTests(SqliteServer server) : MessagesTests(server);
public sealed class SqliteMessagePagingTests(SqliteServer server) : MessagePagingTests(server);
public sealed class SqliteUsersTests(SqliteServer server) : UsersTests(server);
public sealed class SqliteOperationsTests(SqliteServer server) : OperationsTests(server);
public sealed class SqliteClientTests(SqliteServer server) : ClientTests(server);
public sealed class SqliteClientPagingTests(SqliteServer server) : ClientPagingTests(server);
public sealed class SqliteClientRetryTests(SqliteServer server) : ClientRetryTests(server);
public sealed class SqliteCliTests(SqliteServer server) : CliTests(server);
public sealed class SqliteOpenApiTests(SqliteServer server) : OpenApiTests(server);
public sealed class SqliteHostileInputTests(SqliteServer server) : HostileInputTests(server);
public sealed class SqliteIsolationTests(SqliteServer server) : IsolationTests(server);
public sealed class SqliteConcurrencyTests(SqliteServer server) : ConcurrencyTests(server);
public sealed class SqliteLimitsTests(SqliteServer server) : LimitsTests(server);
public sealed class SqliteMemoryClientTests(SqliteServer server) : MemoryClientTests(server);
public sealed class SqliteMemoriesClientTests(SqliteServer server) : MemoriesClientTests(server);
public sealed class SqliteMemoryCliTests(SqliteServer server) : MemoryCliTests(server);

public sealed class PostgresRequestRulesTests(PostgresServer server) : RequestRulesTests(server);
public sealed class PostgresSessionsTests(PostgresServer server) : SessionsTests(server);
public sealed class PostgresSessionLifecycleTests(PostgresServer server) : SessionLifecycleTests(server);
public sealed class PostgresSessionPagingTests(PostgresServer server) : SessionPagingTests(server);
public sealed class PostgresPageTokenTests(PostgresServer server) : PageTokenTests(server);
public sealed class PostgresMessagesTests(PostgresServer server) : MessagesTests(server);
public sealed class PostgresMessagePagingTests(PostgresServer server) : MessagePagingTests(server);
public sealed class PostgresUsersTests(PostgresServer server) : UsersTests(server);
public sealed class PostgresOperationsTests(PostgresServer server) : OperationsTests(server);
public sealed class PostgresHostileInputTests(PostgresServer server) : HostileInputTests(server);
public sealed class PostgresIsolationTests(PostgresServer server) : IsolationTests(server);
public sealed class PostgresConcurrencyTests(PostgresServer server) : ConcurrencyTests(server);
public sealed class PostgresLimitsTests(PostgresServer server) : LimitsTests(server);
public sealed class PostgresClientTests(PostgresServer server) : ClientTests(server);
public sealed class PostgresClientPagingTests(PostgresServer server) : ClientPagingTests(server);
public sealed class PostgresClientRetryTests(PostgresServer server) : ClientRetryTests(server);
public sealed class PostgresCliTests(PostgresServer server) : CliTests(server);
public sealed class PostgresOpenApiTests(PostgresServer server) : OpenApiTests(server);

public sealed class SqliteFilesTests(SqliteServer server) : FilesTests(server);
public sealed class SqliteMemoriesTests(SqliteServer server) : MemoriesTests(server);
public sealed class SqliteRetrievalTests(SqliteServer server) : RetrievalTests(server);
public sealed class PostgresFilesTests(PostgresServer server) : FilesTests(server);
public sealed class PostgresMemoriesTests(PostgresServer server) : MemoriesTests(server);
public sealed class PostgresRetrievalTests(PostgresServer server) : RetrievalTests(server);
public sealed class PostgresMemoryClientTests(PostgresServer server) : MemoryClientTests(server);
public sealed class PostgresMemoriesClientTests(PostgresServer server) : MemoriesClientTests(server);
public sealed class PostgresMemoryCliTests(PostgresServer server) : MemoryCliTests(server);

public sealed class SqliteConversationTests(SqliteServer server) : ConversationTests(server);
public sealed class PostgresConversationTests(PostgresServer server) : ConversationTests(server);

public sealed class SqliteWebhookFaultTests(SqliteServer server) : WebhookFaultTests(server);
public sealed class PostgresWebhookFaultTests(PostgresServer server) : WebhookFaultTests(server);
public sealed class SqliteEmbeddingFaultTests(SqliteServer server) : EmbeddingFaultTests(server);
public sealed class PostgresEmbeddingFaultTests(PostgresServer server) : EmbeddingFaultTests(server);
public sealed class SqliteKillTests(SqliteServer server) : KillTests(server);
public sealed class PostgresKillTests(PostgresServer server) : KillTests(server);
public sealed class SqliteMemoryHostileInputTests(SqliteServer server) : MemoryHostileInputTests(server);
public sealed class PostgresMemoryHostileInputTests(PostgresServer server) : MemoryHostileInputTests(server);
public sealed class SqliteHostileDocumentTests(SqliteServer server, HostileDocumentTests.Node node) : HostileDocumentTests(server, node);
public sealed class PostgresHostileDocumentTests(PostgresServer server, HostileDocumentTests.Node node) : HostileDocumentTests(server, node);
public sealed class SqliteMemoryIsolationTests(SqliteServer server) : MemoryIsolationTests(server);
public sealed class PostgresMemoryIsolationTests(PostgresServer server) : MemoryIsolationTests(server);
public sealed class SqliteGraphTests(SqliteServer server) : GraphTests(server);
public sealed class PostgresGraphTests(PostgresServer server) : GraphTests(server);
public sealed class SqliteConversationDeleteTests(SqliteServer server) : ConversationDeleteTests(server);
public sealed class PostgresConversationDeleteTests(PostgresServer server) : ConversationDeleteTests(server);

public sealed class SqliteIndexBudgetTests(SqliteServer server) : IndexBudgetTests(server);
public sealed class PostgresIndexBudgetTests(PostgresServer server) : IndexBudgetTests(server);
public sealed class SqliteWarmReadinessTests(SqliteServer server) : WarmReadinessTests(server);
public sealed class PostgresWarmReadinessTests(PostgresServer server) : WarmReadinessTests(server);
