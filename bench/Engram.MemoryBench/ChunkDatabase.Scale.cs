namespace Engram.MemoryBench;

internal sealed partial class ChunkDatabase
{
    /// Sets a memory's updated_at, which decides what the server's IndexWarmer loads at start (the
    /// most recently updated memories): an old time keeps a measured memory out of the next
    /// server's start-up load, the current time puts it first.
    public async Task SetUpdatedAtAsync(string memoryId, long unixMilliseconds)
    {
        await using var connection = await OpenAsync();
        await using var update = Command(connection, "UPDATE memories SET updated_at = @at WHERE account_id = @account AND id = @memory",
            ("@at", unixMilliseconds), ("@account", account), ("@memory", memoryId));
        await update.ExecuteNonQueryAsync();
    }
}
