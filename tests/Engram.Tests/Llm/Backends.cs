namespace Engram.Tests.Llm;

public sealed class SqliteAssistedAnswerTests(SqliteServer server) : AssistedAnswerTests(server);
public sealed class PostgresAssistedAnswerTests(PostgresServer server) : AssistedAnswerTests(server);
public sealed class SqliteGraphExtractionTests(SqliteServer server) : GraphExtractionTests(server);
public sealed class PostgresGraphExtractionTests(PostgresServer server) : GraphExtractionTests(server);
