using Engram.Embeddings;
using Engram.Storage;

namespace Engram.Retrieval;

public sealed record MemoryQuery(string Account, string MemoryId, string Query, int TopK, bool Facts, bool Assisted, string BaseUrl);

/// Hybrid retrieval over one memory: the query's vector against the chunks' vectors, BM25 against
/// their words, fused by reciprocal rank; the best chunks are then read back from the database,
/// which is what makes a removal visible at once on every node. A message's chunk is read back only
/// while its message lives: a deleted message, or a deleted session's, is gone from the next answer.
public sealed class Retriever(IStore store, MemoryIndexes indexes, IEmbedder embedder)
{
    /// How many fused candidates are read back: top_k's maximum, so one statement text serves every query
    /// and chunks removed since the index last looked still leave enough behind.
    private const int Candidates = 50;

    private static readonly string ChunkSql = $"""
        SELECT c.seq, c.content, c.dated_at, s.file_id, s.message_id, s.session_id, f.name, f.external_uri, f.created_at
        FROM chunks c JOIN samples s ON s.account_id = c.account_id AND s.id = c.sample_id
        LEFT JOIN files f ON f.account_id = s.account_id AND f.id = s.file_id
        LEFT JOIN messages m ON m.account_id = s.account_id AND m.id = s.message_id
        WHERE c.account_id = @account AND c.memory_id = @memory
          AND (s.message_id IS NULL OR (m.deleted_at IS NULL AND m.id IS NOT NULL))
          AND c.seq IN ({string.Join(", ", Enumerable.Range(0, Candidates).Select(i => $"@c{i}"))})
        """;

    /// The answer, or null when the memory does not exist in the caller's account.
    public async Task<MemoryAnswer?> QueryAsync(MemoryQuery query, CancellationToken cancellationToken)
    {
        var state = await ReadStateAsync(query.Account, query.MemoryId, cancellationToken);
        if (state is null)
        {
            return null;
        }
        if (state.Model is null)
        {
            return MemoryAnswer.Empty; // nothing ingested yet
        }
        var index = await indexes.CurrentAsync(query.Account, query.MemoryId, state.CreatedAt, state.Dimensions, state.IndexVersion, state.RemovalVersion,
            cancellationToken);
        var rankings = new List<IReadOnlyList<Scored>> { index.Words.Search(query.Query, Candidates) };
        // A memory is never searched with vectors of another model: then words alone rank it.
        if (state.Model == embedder.Model)
        {
            var vector = await embedder.EmbedQueryAsync(query.Query, cancellationToken);
            rankings.Insert(0, index.Vectors.Search(vector, Candidates));
        }
        var fused = RankFusion.Reciprocal(rankings, ConversationRanking.FusionK(index), take: Candidates);
        var found = await ReadChunksAsync(query, fused, cancellationToken);
        var best = found.Take(query.TopK).ToList();

        var facts = query.Facts || query.Assisted ? SupportingFacts.From(query.Query, best) : [];
        IReadOnlyList<PayloadItem> payload = query.Assisted
            ? facts.Count == 0 ? [] : [new PayloadItem(facts[0].Content, facts[0].Score)]
            : state.Type == "graph" ? GraphRendering(best)
            : best.Select(chunk => new PayloadItem(chunk.DisplayText, chunk.Score)).ToList();
        var tokens = 0;
        foreach (var item in payload)
        {
            tokens += TokenCounter.Count(item.Content);
        }
        return new MemoryAnswer(payload, query.Facts ? facts.Take(3).Select(f => new FactItem(f.Content)).ToList() : [],
            Sources(best, query.BaseUrl), tokens);
    }

    /// `CreatedAt` tells a memory from an earlier one of the same id, deleted since (its versions start over).
    private sealed record MemoryState(string Type, string? Model, int Dimensions, long IndexVersion, long RemovalVersion, long CreatedAt);

    private Task<MemoryState?> ReadStateAsync(string account, string memoryId, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            await using var reader = await db.Command("""
                SELECT memory_type, embedding_model, embedding_dimensions, index_version, removal_version, created_at
                FROM memories WHERE account_id = @account AND id = @id
                """).With("@account", account).With("@id", memoryId).ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new MemoryState(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? 0 : (int)reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5))
                : null;
        }, cancellationToken);

    /// The candidates that still exist, best first, with their fused scores.
    private Task<List<FoundChunk>> ReadChunksAsync(MemoryQuery query, IReadOnlyList<Scored> candidates, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var command = db.Command(ChunkSql).With("@account", query.Account).With("@memory", query.MemoryId);
            for (var i = 0; i < Candidates; i++)
            {
                command.With($"@c{i}", i < candidates.Count ? candidates[i].Id : -1L);
            }
            var rows = new Dictionary<long, FoundChunk>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows[reader.GetInt64(0)] = new FoundChunk(reader.GetInt64(0), reader.GetString(1),
                        reader.IsDBNull(2) ? null : UnixMs.ToDateTime(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                        reader.IsDBNull(8) ? null : UnixMs.ToDateTime(reader.GetInt64(8)), 0);
                }
            }
            var found = new List<FoundChunk>(rows.Count);
            foreach (var candidate in candidates)
            {
                if (rows.TryGetValue(candidate.Id, out var row))
                {
                    found.Add(row with { Score = Math.Round(candidate.Score, 6) });
                }
            }
            return found;
        }, cancellationToken);

    /// A graph memory answers with one item (§12). Until entities and relations are extracted
    /// (issue #16), that item is its best passages, best first, each dated when it has a date.
    private static IReadOnlyList<PayloadItem> GraphRendering(List<FoundChunk> best) =>
        best.Count == 0 ? [] : [new PayloadItem(string.Join("\n", best.Select(chunk => "- " + chunk.DisplayText)), best[0].Score)];

    /// One source per distinct file or message, best first, with its best score.
    private static List<SourceItem> Sources(IReadOnlyList<FoundChunk> chunks, string baseUrl)
    {
        var sources = new List<SourceItem>();
        var seen = new HashSet<string>();
        foreach (var chunk in chunks)
        {
            if (chunk.FileId is { } fileId && seen.Add("file:" + fileId))
            {
                sources.Add(new SourceItem(fileId, chunk.FileName ?? fileId,
                    chunk.ExternalUri ?? $"{baseUrl.TrimEnd('/')}/files/get/{Uri.EscapeDataString(fileId)}", chunk.Score, "file", null,
                    chunk.FileCreatedAt));
            }
            else if (chunk.MessageId is { } messageId && seen.Add("message:" + messageId))
            {
                sources.Add(new SourceItem(messageId, $"session {chunk.SessionId}", null, chunk.Score, "message", chunk.SessionId, chunk.DatedAt));
            }
        }
        return sources;
    }
}

/// A chunk read back for an answer, with its fused score.
public sealed record FoundChunk(long Seq, string Content, DateTime? DatedAt, string? FileId, string? MessageId, string? SessionId,
    string? FileName, string? ExternalUri, DateTime? FileCreatedAt, double Score)
{
    /// The chunk as the payload shows it: with its date when it has one (a message's text already says it, after its speaker).
    public string DisplayText => DatedAt is { } at && MessageId is null ? $"{Content} ({at:d MMMM yyyy})" : Content;
}
