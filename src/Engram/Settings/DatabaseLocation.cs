using Engram.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engram;

/// Where `--database` points, said so a person can tell which database a process uses: a start
/// from another directory would otherwise make a new database (and a new key) without a word.
public static class DatabaseLocation
{
    /// The absolute file behind an SQLite setting; null for PostgreSQL or an in-memory database.
    public static string? SqliteFile(string database)
    {
        if (StoreFactory.IsPostgres(database))
        {
            return null;
        }
        var source = database.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(database).DataSource
            : database;
        return source is "" or ":memory:" ? null : Path.GetFullPath(source);
    }

    /// `SQLite /abs/path/engram.db` or `PostgreSQL host:port/database`: never a password.
    public static string Describe(string database)
    {
        try
        {
            if (StoreFactory.IsPostgres(database))
            {
                var builder = new NpgsqlConnectionStringBuilder(database);
                return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
            }
            return SqliteFile(database) is { } file ? $"SQLite {file}" : "SQLite in memory";
        }
        catch (ArgumentException)
        {
            return "an unreadable connection string";
        }
    }

    /// One line for `--database` when it cannot be opened; the cause stays, the password does not.
    public static ArgumentException CannotOpen(string database, Exception cause)
    {
        string? file = null;
        try
        {
            file = SqliteFile(database);
        }
        catch (ArgumentException)
        {
        }
        return new($"{Setting.Database.Name}: cannot open '{file ?? Describe(database)}' ({FirstLine(cause.Message)})");
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
