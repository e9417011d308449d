using Microsoft.Data.Sqlite;

namespace Engram.Storage.Sqlite;

/// An open connection that keeps its prepared statements. Microsoft.Data.Sqlite pools the
/// database handle but finalizes every statement when a SqliteConnection closes, so a request
/// that opens a pooled connection parses and plans its SQL again each time; a PreparedConnection
/// stays open in the store's own pool and reuses its commands. One request uses it at a time.
/// Transactions are plain prepared statements too (Execute("BEGIN")): SqliteTransaction runs its
/// BEGIN, COMMIT and SAVEPOINT through fresh commands that are parsed again on every call.
/// Whoever sees an exception disposes the connection, and closing it rolls back what is open.
internal sealed class PreparedConnection : ISqlConnection, IDisposable
{
    // The SQL texts are a fixed set (each list's filter and cursor shapes), so this stays small;
    // the bound only guards against a future caller that builds SQL from data.
    private const int MaxStatements = 256;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public PreparedConnection(SqliteConnection connection)
    {
        _connection = connection;
        // SQLite plans a statement again on the first step after a parameter is bound anew when
        // its plan looked at that parameter's value, and matching the partial indexes ("WHERE
        // deleted_at IS NULL") does: every list was parsed and planned on every request, prepared
        // or not. The query planner stability guarantee keeps the first plan, and each statement
        // here has one right plan whatever its values.
        SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _);
    }

    /// Runs a statement without parameters or rows, such as BEGIN, COMMIT or SAVEPOINT name.
    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

    /// The prepared command for `sql`, with no parameters bound.
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                DisposeCommands();
            }
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        return command;
    }

    System.Data.Common.DbCommand ISqlConnection.Command(string sql) => Command(sql);

    public void Dispose()
    {
        DisposeCommands();
        _connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
