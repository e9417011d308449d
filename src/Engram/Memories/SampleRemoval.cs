using System.Data.Common;
using Engram.Storage;

namespace Engram.Memories;

/// Removing samples and everything derived from them, inside the caller's transaction. Every memory
/// that loses a sample gets new index and removal versions first: on PostgreSQL that UPDATE takes
/// the memory's row lock, so it waits for (or is waited on by) an ingestion write of the same
/// memory, and no node's index can keep serving a removed chunk after the commit.
public static class SampleRemoval
{
    /// `condition` selects the samples (over the samples table, alongside account_id = @account).
    /// When no memory holds such a sample (most deleted messages), the one UPDATE is all it costs.
    public static async Task RemoveSamplesAsync(ISqlConnection db, string account, string condition, Action<DbCommand> bind,
        CancellationToken cancellationToken)
    {
        var bump = db.Command($"""
            UPDATE memories SET index_version = index_version + 1, removal_version = removal_version + 1, updated_at = @at
            WHERE account_id = @account AND id IN (SELECT memory_id FROM samples WHERE account_id = @account AND {condition})
            """).With("@account", account).With("@at", UnixMs.From(UnixMs.Now()));
        bind(bump);
        if (await bump.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return; // every sample belongs to a memory (deleting one deletes its samples), so there are none
        }
        var chunks = db.Command($"""
            DELETE FROM chunks WHERE account_id = @account
              AND sample_id IN (SELECT id FROM samples WHERE account_id = @account AND {condition})
            """).With("@account", account);
        bind(chunks);
        await chunks.ExecuteNonQueryAsync(cancellationToken);
        await Graph.GraphWrites.RemoveAsync(db, account, condition, bind, cancellationToken);
        var samples = db.Command($"DELETE FROM samples WHERE account_id = @account AND {condition}").With("@account", account);
        bind(samples);
        await samples.ExecuteNonQueryAsync(cancellationToken);
    }
}
