namespace Engram.Tests;

// One sealed subclass per suite and backend: the suites are written once, against HTTP.
public sealed class SqliteRequestRulesTests(SqliteServer server) : RequestRulesTests(server);
public sealed class SqliteSessionsTests(SqliteServer server) : SessionsTests(server);
public sealed class SqliteSessionPagingTests(SqliteServer server) : SessionPagingTests(server);
public sealed class SqliteMessagesTests(SqliteServer server) : MessagesTests(server);
public sealed class SqliteUsersTests(SqliteServer server) : UsersTests(server);
public sealed class SqliteOperationsTests(SqliteServer server) : OperationsTests(server);
