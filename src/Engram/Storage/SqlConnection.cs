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

    /// The bulk write path (ingestion's chunks, samples, facts): runs `sql`, one row's statement,
    /// once for each of `rows`, bound by `bind`, on the caller's connection and in its transaction.
    /// Call it inside one IStore.WriteAsync, so every row commits or none does (on SQLite the whole
    /// batch is one savepoint of the group commit). SQLite steps its one prepared statement again
    /// for each row; Npgsql sends one statement per row, prepared after its first uses. A batch
    /// holds the SQLite writer while it runs: keep it to what one commit should hold (a file's
    /// chunks, not a whole corpus). Returns the number of rows the statements changed.
    public static async Task<int> ExecuteEachAsync<T>(this ISqlConnection db, string sql, IEnumerable<T> rows,
        Action<DbCommand, T> bind, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var row in rows)
        {
            var command = db.Command(sql);
            bind(command, row);
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return changed;
    }

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
