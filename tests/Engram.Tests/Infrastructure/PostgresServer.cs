using Npgsql;

namespace Engram.Tests.Infrastructure;

/// The PostgreSQL backend, on the server named by ENGRAM_TEST_POSTGRES (`.ci/run` starts one).
/// Each run gets a database of its own, dropped at the end. Without the variable, the
/// PostgreSQL suites are not run at all (BackendTestFramework); CI sets it.
public sealed class PostgresServer : EngramServer
{
    private static readonly string? Configured = Environment.GetEnvironmentVariable("ENGRAM_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool IsConfigured => Configured is not null;

    private readonly string _name = "engram_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _database;

    protected override string? Database => _database;

    public override async ValueTask InitializeAsync()
    {
        if (Configured is null)
        {
            return;
        }
        await ExecuteAsync($"CREATE DATABASE {_name}");
        _database = new NpgsqlConnectionStringBuilder(Configured) { Database = _name }.ToString();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Configured);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
