using Engram.Embeddings;
using Engram.Graph;
using Engram.Llm;
using Engram.Operations;
using Engram.Storage;

namespace Engram.Retrieval;

public sealed record MemoryQuery(string Account, string MemoryId, string Query, int TopK, bool Facts, bool Assisted, string BaseUrl);

/// Hybrid retrieval over one memory: the query's vector against the chunks' vectors, BM25 against
/// their words, fused by reciprocal rank; the best chunks are then read back from the database,
/// which is what makes a removal visible at once on every node. A message's chunk is read back only
/// while its message lives: a deleted message, or a deleted session's, is gone from the next answer.
public sealed partial class Retriever(IStore store, MemoryIndexes indexes, IEmbedder embedder, GraphRetriever graph, EngramMetrics metrics,
    ILogger<Retriever> logger, AssistedAnswerWriter? writer = null)
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
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await AnswerAsync(query, cancellationToken);
        metrics.RetrievalDuration.Record(EngramMetrics.Since(started));
        return answer;
    }

    private async Task<MemoryAnswer?> AnswerAsync(MemoryQuery query, CancellationToken cancellationToken)
    {
        // The query's embedding is most of a query's time, so what needs no vector (the memory's row, its
        // index, the words) runs meanwhile. A memory queried here before is the agent's next turn: when
        // it was searched with this process's model, its vector starts even before its row is read; a
        // first query, or one for a memory that turns out not to exist, waits for the row.
        var early = indexes.Held(query.Account, query.MemoryId)?.Model == embedder.Model ? QueryVectorAsync(query, cancellationToken) : null;
        var state = await ReadStateAsync(query.Account, query.MemoryId, cancellationToken);
        if (state is null)
        {
            return null;
        }
        if (state.Model is null)
        {
            return MemoryAnswer.Empty; // nothing ingested yet
        }
        // A memory is never searched with vectors of another model: then words alone rank it.
        var embedding = state.Model == embedder.Model ? early ?? QueryVectorAsync(query, cancellationToken) : Task.FromResult<float[]?>(null);
        // A memory that learns facts answers from them (Graph/GraphRetriever); until it has some, from its chunks.
        var learnt = state.Type == "graph" || (state.FactExtraction && (query.Facts || query.Assisted))
            ? await graph.FindAsync(new GraphMemory(query.Account, query.MemoryId, state.CreatedAt, state.Dimensions, state.IndexVersion,
                state.RemovalVersion), query.Query, await embedding, query.TopK, cancellationToken)
            : null;
        // A graph memory's assisted answer is one sentence from its facts: the passages are not searched.
        if (learnt is not null && state.Type == "graph" && query.Assisted)
        {
            var rendered = GraphAnswers.Answer(learnt, [], query.TopK, query.Facts, assisted: true, query.BaseUrl);
            return await WriteAsync(query, Evidence(learnt), cancellationToken) is { } sentence
                ? rendered with
                {
                    Payload = [new PayloadItem(sentence.Sentence, sentence.FromMemory && learnt.Facts.Count > 0 ? learnt.Facts[0].Score : 0)],
                    TokenCount = TokenCounter.Count(sentence.Sentence),
                }
                : rendered;
        }
        var best = await SearchChunksAsync(query, state, embedding, cancellationToken);
        if (learnt is not null && state.Type == "graph")
        {
            return GraphAnswers.Answer(learnt, best, query.TopK, query.Facts, assisted: false, query.BaseUrl);
        }

        var facts = learnt is not null ? GraphAnswers.Supporting(learnt).Select(fact => new ScoredSentence(fact.Dated, fact.Score)).ToList()
            : query.Facts || query.Assisted ? SupportingFacts.From(query.Query, best) : [];
        // With a language model (§13) it writes the sentence from what was found; failing, the built-in answer stands.
        var written = query.Assisted
            ? await WriteAsync(query, learnt is not null ? Evidence(learnt) : [.. best.Select(chunk => chunk.DisplayText)], cancellationToken)
            : null;
        IReadOnlyList<PayloadItem> payload = query.Assisted
            ? written is not null ? [new PayloadItem(written.Sentence, written.FromMemory ? TopScore(facts, best) : 0)]
            : learnt is not null ? GraphAnswers.Assisted(GraphAnswers.Supporting(learnt)) is { } answer ? [answer] : []
            : facts.Count == 0 ? [] : [new PayloadItem(facts[0].Content, facts[0].Score)]
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

    /// The best chunks, top_k of them: the words ranked while the query's vector is still being made.
    private async Task<List<FoundChunk>> SearchChunksAsync(MemoryQuery query, MemoryState state, Task<float[]?> embedding,
        CancellationToken cancellationToken)
    {
        // Held to the end of the search, so the budget never drops it from under the rankings.
        using var inUse = await indexes.CurrentAsync(query.Account, query.MemoryId, state.CreatedAt, state.Dimensions, state.IndexVersion,
            state.RemovalVersion, cancellationToken);
        var index = inUse.Index;
        index.Model = state.Model;
        var rankings = new List<IReadOnlyList<Scored>> { index.Words.Search(query.Query, Candidates) };
        if (await embedding is { } vector)
        {
            rankings.Insert(0, index.Vectors.Search(vector, Candidates));
        }
        var fused = RankFusion.Reciprocal(rankings, ConversationRanking.FusionK(index), take: Candidates);
        var found = await ReadChunksAsync(query, fused, cancellationToken);
        return found.Take(query.TopK).ToList();
    }

    private async Task<WrittenAnswer?> WriteAsync(MemoryQuery query, List<string> evidence, CancellationToken cancellationToken) =>
        writer is not null && evidence.Count > 0 ? await writer.WriteAsync(query.Query, evidence, cancellationToken) : null;

    /// What a language model answers a graph memory from: its best facts, dated, each once.
    private static List<string> Evidence(GraphFindings learnt) => [.. learnt.Facts.Take(10).Select(fact => fact.Dated).Distinct()];

    private static double TopScore(IReadOnlyList<ScoredSentence> facts, List<FoundChunk> best) =>
        facts.Count > 0 ? facts[0].Score : best.Count > 0 ? best[0].Score : 0;

    /// The query's vector; null when the embeddings endpoint fails, and words alone rank the memory
    /// (an agent mid-call is better served by lexical results than by a 500).
    private async Task<float[]?> QueryVectorAsync(MemoryQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var embedding = System.Diagnostics.Stopwatch.GetTimestamp();
            var vector = await embedder.EmbedQueryAsync(query.Query, cancellationToken);
            metrics.EmbeddingDuration.Record(EngramMetrics.Since(embedding));
            return vector;
        }
        catch (EmbeddingException e)
        {
            LogQueryEmbeddingFailed(e, query.MemoryId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrieval: embedding the query of memory {MemoryId} failed; words alone rank it")]
    private partial void LogQueryEmbeddingFailed(Exception error, string memoryId);

    /// `CreatedAt` tells a memory from an earlier one of the same id, deleted since (its versions start over).
    private sealed record MemoryState(string Type, string? Model, int Dimensions, long IndexVersion, long RemovalVersion, long CreatedAt,
        bool FactExtraction);

    private Task<MemoryState?> ReadStateAsync(string account, string memoryId, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            await using var reader = await db.Command("""
                SELECT memory_type, embedding_model, embedding_dimensions, index_version, removal_version, created_at, fact_extraction
                FROM memories WHERE account_id = @account AND id = @id
                """).With("@account", account).With("@id", memoryId).ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new MemoryState(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? 0 : (int)reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                    reader.GetBoolean(6))
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

    /// A graph memory answers with one item (§12). Until it has facts (none were learnt, or it was
    /// ingested before graph memory had them), that item is its best passages, best first, each dated when it has a date.
    private static IReadOnlyList<PayloadItem> GraphRendering(List<FoundChunk> best) =>
        best.Count == 0 ? [] : [new PayloadItem(string.Join("\n", best.Select(chunk => "- " + chunk.DisplayText)), best[0].Score)];

    /// One source per distinct file or message, best first, with its best score.
    public static List<SourceItem> Sources(IReadOnlyList<FoundChunk> chunks, string baseUrl)
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
