using System.Data.Common;

namespace Engram.Storage;

/// An open connection as the SQL that both backends share sees it: a command for an SQL text, on
/// this connection and inside its transaction when one is open. SQLite hands out its prepared
/// statements (PreparedConnection), PostgreSQL fresh commands (Npgsql prepares by text on its own).
/// The caller neither keeps nor disposes them, and binds parameters spelled as in the SQL (`@name`).
public interface ISqlConnection
{
    DbCommand Command(string sql);
}

/// Which database a store talks to, for the few statements whose SQL differs (row locks, upserts).
public enum StoreKind { Sqlite, Postgres }

public static class SqlCommands
{
    /// Binds `value` (null as SQL NULL) to the parameter `name`, spelled with its "@" as in the SQL:
    /// Microsoft.Data.Sqlite looks a bare name up four times, and Npgsql takes either.
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    /// Runs `sql` (no parameters) once on a fresh command: for DDL and checks outside the request path.
    public static async Task ExecuteAsync(this DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// The first column of the first row of `sql` (no parameters), on a fresh command.
    public static async Task<object?> ScalarAsync(this DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
