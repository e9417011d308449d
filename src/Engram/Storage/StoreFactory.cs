using System.Text.RegularExpressions;
using Engram.Storage.Postgres;
using Engram.Storage.Sqlite;

namespace Engram.Storage;

public static partial class StoreFactory
{
    public const string DefaultDatabase = "./data/engram.db";

    /// `Host=…` is PostgreSQL; `Data Source=…` or a bare path is an SQLite file.
    public static IStore Open(string database)
    {
        if (IsPostgres(database))
        {
            return new PostgresStore(database);
        }
        var connectionString = database.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? database
            : $"Data Source={database}";
        return new SqliteStore(connectionString);
    }

    public static bool IsPostgres(string database) => PostgresKey().IsMatch(database);

    [GeneratedRegex(@"(^|;)\s*(Host|Server)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex PostgresKey();
}
