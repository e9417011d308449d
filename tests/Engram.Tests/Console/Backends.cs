namespace Engram.Tests.WebConsole;

// The console's browser suite against each backend's server.
public sealed class SqliteConsoleTests(SqliteServer server, ConsoleBrowser browser) : ConsoleTests(server, browser);
public sealed class PostgresConsoleTests(PostgresServer server, ConsoleBrowser browser) : ConsoleTests(server, browser);
public sealed class SqliteConsoleSiteTests(SqliteServer server) : ConsoleSiteTests(server);
public sealed class SqliteGraphViewTests(SqliteServer server, ConsoleBrowser browser) : GraphViewTests(server, browser);
public sealed class PostgresGraphViewTests(PostgresServer server, ConsoleBrowser browser) : GraphViewTests(server, browser);
