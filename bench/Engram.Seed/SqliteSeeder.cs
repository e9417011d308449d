using Microsoft.Data.Sqlite;

namespace Engram.Seed;

/// Multi-row INSERTs of a prepared statement, in transactions of 100,000 rows. synchronous=OFF
/// holds for this connection only: a seed that dies is simply run again, and the server keeps FULL.
internal static class SqliteSeeder
{
    private const int RowsPerStatement = 200;
    private const int RowsPerTransaction = 100_000;

    public static async Task SeedAsync(SeedPlan plan, string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA synchronous = OFF");
        await ExecuteAsync(connection, "PRAGMA cache_size = -262144"); // 256 MiB of page cache for the index builds

        using var insert = connection.CreateCommand();
        var values = string.Join(", ", Enumerable.Range(0, RowsPerStatement).Select(r => $"(@a, @i{r}, @c{r}, @m, @t{r}, @t{r})"));
        insert.CommandText = $"INSERT INTO sessions (account_id, id, customer_user_id, metadata, created_at, updated_at) VALUES {values}";
        insert.Parameters.AddWithValue("@a", plan.Account);
        insert.Parameters.AddWithValue("@m", SeedPlan.Metadata);
        for (var r = 0; r < RowsPerStatement; r++)
        {
            insert.Parameters.Add($"@i{r}", SqliteType.Text);
            insert.Parameters.Add($"@c{r}", SqliteType.Text);
            insert.Parameters.Add($"@t{r}", SqliteType.Integer);
        }

        var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        insert.Prepare();
        for (long start = 0; start < plan.Sessions; start += RowsPerStatement)
        {
            var rows = (int)Math.Min(RowsPerStatement, plan.Sessions - start);
            if (rows < RowsPerStatement)
            {
                // The tail: a one-off statement of the rows that are left.
                await InsertTailAsync(connection, transaction, plan, start, rows);
                break;
            }
            for (var r = 0; r < rows; r++)
            {
                var i = start + r;
                insert.Parameters[2 + 3 * r].Value = SeedPlan.SessionId(i);
                insert.Parameters[3 + 3 * r].Value = plan.CustomerOf(i);
                insert.Parameters[4 + 3 * r].Value = SeedPlan.CreatedAt(i);
            }
            await insert.ExecuteNonQueryAsync();
            if ((start + rows) % RowsPerTransaction == 0)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
            }
        }

        using (var message = connection.CreateCommand())
        {
            message.Transaction = transaction;
            message.CommandText = """
                INSERT INTO messages (account_id, id, session_id, role, content, customer_user_id, created_at, updated_at)
                VALUES (@a, @id, @s, @role, @content, @c, @t, @t)
                """;
            var session = plan.MessageSession;
            message.Parameters.AddWithValue("@a", plan.Account);
            message.Parameters.AddWithValue("@s", SeedPlan.SessionId(session));
            message.Parameters.AddWithValue("@c", plan.CustomerOf(session));
            var id = message.Parameters.Add("@id", SqliteType.Text);
            var role = message.Parameters.Add("@role", SqliteType.Text);
            var content = message.Parameters.Add("@content", SqliteType.Text);
            var at = message.Parameters.Add("@t", SqliteType.Integer);
            for (var m = 0; m < plan.Messages; m++)
            {
                id.Value = SeedPlan.MessageId(m);
                role.Value = m % 2 == 0 ? "user" : "assistant";
                content.Value = $"Turn {m} of the call: a sentence or two of what was said, about this long.";
                at.Value = SeedPlan.CreatedAt(session) + m * 10;
                await message.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private static async Task InsertTailAsync(SqliteConnection connection, SqliteTransaction transaction, SeedPlan plan, long start, int rows)
    {
        using var tail = connection.CreateCommand();
        tail.Transaction = transaction;
        tail.CommandText = "INSERT INTO sessions (account_id, id, customer_user_id, metadata, created_at, updated_at) VALUES "
            + string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(@a, @i{r}, @c{r}, @m, @t{r}, @t{r})"));
        tail.Parameters.AddWithValue("@a", plan.Account);
        tail.Parameters.AddWithValue("@m", SeedPlan.Metadata);
        for (var r = 0; r < rows; r++)
        {
            tail.Parameters.AddWithValue($"@i{r}", SeedPlan.SessionId(start + r));
            tail.Parameters.AddWithValue($"@c{r}", plan.CustomerOf(start + r));
            tail.Parameters.AddWithValue($"@t{r}", SeedPlan.CreatedAt(start + r));
        }
        await tail.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
