using Microsoft.Data.Sqlite;

namespace Engram.Storage.Sqlite;

/// An open connection that keeps its prepared statements. Microsoft.Data.Sqlite pools the
/// database handle but finalizes every statement when a SqliteConnection closes, so a request
/// that opens a pooled connection parses and plans its SQL again each time; a PreparedConnection
/// stays open in the store's own pool and reuses its commands. One request uses it at a time.
internal sealed class PreparedConnection(SqliteConnection connection) : IDisposable
{
    // The SQL texts are a fixed set (each list's filter and cursor shapes), so this stays small;
    // the bound only guards against a future caller that builds SQL from data.
    private const int MaxStatements = 256;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    /// Starts the transaction that every command handed out from now until Reset runs in.
    public SqliteTransaction BeginTransaction(bool deferred) => _transaction = connection.BeginTransaction(deferred);

    /// The prepared command for `sql`, with no parameters bound.
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                DisposeCommands();
            }
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        command.Transaction = _transaction;
        return command;
    }

    /// Forgets the finished transaction, before the connection goes back to the pool.
    public void Reset() => _transaction = null;

    public void Dispose()
    {
        DisposeCommands();
        connection.Dispose();
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
