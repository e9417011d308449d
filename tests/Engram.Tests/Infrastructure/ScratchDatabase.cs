using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engram.Tests.Infrastructure;

/// A database of a test's own, for server processes the test starts and kills: no other server
/// works its jobs. On PostgreSQL a fresh database on ENGRAM_TEST_POSTGRES, else a fresh SQLite file.
/// Also the folder the processes run in.
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;

    public string Connection { get; }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "engram-scratch-" + Guid.NewGuid().ToString("N"));

    private ScratchDatabase(string? postgresName)
    {
        System.IO.Directory.CreateDirectory(Directory);
        _postgresName = postgresName;
        Connection = postgresName is null
            ? Path.Combine(Directory, "engram.db")
            : new NpgsqlConnectionStringBuilder(Configured) { Database = postgresName }.ToString();
    }

    private static string Configured => Environment.GetEnvironmentVariable("ENGRAM_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ENGRAM_TEST_POSTGRES is not set");

    public static ScratchDatabase Sqlite() => new(null);

    public static async Task<ScratchDatabase> PostgresAsync()
    {
        var name = "engram_scratch_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(Configured, $"CREATE DATABASE {name}");
        return new ScratchDatabase(name);
    }

    /// One number read straight from the database (counts the API does not show, such as samples
    /// stuck in `processing`). Parameters are @name on both backends.
    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using DbConnection connection = _postgresName is null
            ? new SqliteConnection($"Data Source={Connection}")
            : new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(Configured, $"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
