using Npgsql;
using NpgsqlTypes;

namespace Engram.Seed;

/// Binary COPY, PostgreSQL's bulk path: one stream, one transaction, then ANALYZE so the planner
/// knows the table's size from the first request (as autovacuum would soon after).
internal static class PostgresSeeder
{
    public static async Task SeedAsync(SeedPlan plan, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand("SET synchronous_commit = off", connection))
        {
            await set.ExecuteNonQueryAsync(); // this session only: the server's own commits stay synchronous
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY sessions (account_id, id, customer_user_id, metadata, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (long i = 0; i < plan.Sessions; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(plan.Account, NpgsqlDbType.Text);
                await copy.WriteAsync(SeedPlan.SessionId(i), NpgsqlDbType.Text);
                await copy.WriteAsync(plan.CustomerOf(i), NpgsqlDbType.Text);
                await copy.WriteAsync(SeedPlan.Metadata, NpgsqlDbType.Text);
                await copy.WriteAsync(SeedPlan.CreatedAt(i), NpgsqlDbType.Bigint);
                await copy.WriteAsync(SeedPlan.CreatedAt(i), NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY messages (account_id, id, session_id, role, content, customer_user_id, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var session = plan.MessageSession;
            for (var m = 0; m < plan.Messages; m++)
            {
                var at = SeedPlan.CreatedAt(session) + m * 10;
                await copy.StartRowAsync();
                await copy.WriteAsync(plan.Account, NpgsqlDbType.Text);
                await copy.WriteAsync(SeedPlan.MessageId(m), NpgsqlDbType.Text);
                await copy.WriteAsync(SeedPlan.SessionId(session), NpgsqlDbType.Text);
                await copy.WriteAsync(m % 2 == 0 ? "user" : "assistant", NpgsqlDbType.Text);
                await copy.WriteAsync($"Turn {m} of the call: a sentence or two of what was said, about this long.", NpgsqlDbType.Text);
                await copy.WriteAsync(plan.CustomerOf(session), NpgsqlDbType.Text);
                await copy.WriteAsync(at, NpgsqlDbType.Bigint);
                await copy.WriteAsync(at, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE sessions; ANALYZE messages", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
