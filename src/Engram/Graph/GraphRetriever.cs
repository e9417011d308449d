using Engram.Retrieval;
using Engram.Storage;

namespace Engram.Graph;

/// What GET /memory needs to know of a memory to search its facts.
public sealed record GraphMemory(string Account, string MemoryId, long Incarnation, int Dimensions, long IndexVersion, long RemovalVersion);

/// A fact read back for an answer: its text, date and origin, the entities it connects, its score,
/// and whether it bears on the query (shares a word with it, or names an entity the query names).
public sealed record FoundFact(long Seq, string Content, DateTime? ValidAt, long[] Entities, string? FileId, string? MessageId,
    string? SessionId, string? FileName, string? ExternalUri, DateTime? FileCreatedAt, double Score, bool Relevant)
{
    /// The fact as a prompt reads it: with its date, unless it already says it.
    public string Dated => ValidAt is { } at && !Content.Contains(RelativeDatesDay(at), StringComparison.Ordinal)
        ? $"{Content} ({RelativeDatesDay(at)})" : Content;

    private static string RelativeDatesDay(DateTime at) => Ingestion.RelativeDates.Day(at);

    public FoundChunk AsSource() => new(Seq, Content, ValidAt, FileId, MessageId, SessionId, FileName, ExternalUri, FileCreatedAt, Score);
}

/// The facts that answer a query, best first, and the entities the query names.
public sealed record GraphFindings(IReadOnlyList<FoundFact> Facts, IReadOnlyList<IndexedEntity> QueryEntities, GraphIndex Index);

/// Graph retrieval: the query's facts by words and meaning (BM25 and the vectors, fused by
/// reciprocal rank), the entities it names, one or two bounded hops over the fact–entity graph from
/// both, a score of relevance and proximity, and among facts that contradict (same entities, same
/// relation) the newest first. The best are read back from the database, so nothing removed returns.
public sealed class GraphRetriever(IStore store, GraphIndexes indexes)
{
    /// Facts each search hands on, and the most read back: one statement text for every query.
    private const int Candidates = 50;
    /// Bounds on the expansion: entities followed, and facts taken from each (its newest).
    private const int EntitiesFollowed = 12, FactsPerEntity = 24;

    private static readonly string FactSql = $"""
        SELECT f.seq, f.content, f.valid_at, s.file_id, s.message_id, s.session_id, fl.name, fl.external_uri, fl.created_at
        FROM facts f JOIN samples s ON s.account_id = f.account_id AND s.id = f.sample_id
        LEFT JOIN files fl ON fl.account_id = s.account_id AND fl.id = s.file_id
        LEFT JOIN messages m ON m.account_id = s.account_id AND m.id = s.message_id
        WHERE f.account_id = @account AND f.memory_id = @memory
          AND (s.message_id IS NULL OR (m.deleted_at IS NULL AND m.id IS NOT NULL))
          AND f.seq IN ({string.Join(", ", Enumerable.Range(0, Candidates).Select(i => $"@c{i}"))})
        """;

    /// Null when the memory has no facts (then the chunks answer).
    public async Task<GraphFindings?> FindAsync(GraphMemory memory, string query, float[]? vector, int topK, CancellationToken cancellationToken)
    {
        // Held to the end of the search and read-back, so the budget never drops it from under them. The
        // findings keep the index for rendering its entities: those maps are swapped whole, never emptied,
        // so a dropped index still reads as it did.
        using var inUse = await indexes.CurrentAsync(memory.Account, memory.MemoryId, memory.Incarnation, memory.Dimensions,
            memory.IndexVersion, memory.RemovalVersion, cancellationToken);
        var index = inUse.Index;
        if (index.Facts.IsEmpty)
        {
            return null;
        }
        var lexical = index.Words.Search(query, Candidates);
        var rankings = new List<IReadOnlyList<Scored>> { lexical };
        if (vector is not null)
        {
            rankings.Insert(0, index.Vectors.Search(vector, Candidates));
        }
        var named = QueryEntities(index, query);
        var ranked = GraphRanking.Rank(index, RankFusion.Reciprocal(rankings, take: Candidates), named, topK, EntitiesFollowed, FactsPerEntity);
        var relevant = new HashSet<long>(lexical.Select(hit => hit.Id));
        var namedSeqs = named.Select(entity => entity.Seq).ToHashSet();
        var found = await ReadFactsAsync(memory, ranked.Take(Candidates).ToList(), index,
            seq => relevant.Contains(seq) || (index.Facts.TryGetValue(seq, out var fact) && fact.Entities.Any(namedSeqs.Contains)), cancellationToken);
        return new GraphFindings(found, named, index);
    }

    /// The entities whose name or alias the query says, as one to four words in a row.
    private static List<IndexedEntity> QueryEntities(GraphIndex index, string query)
    {
        var words = GraphIndex.NameKey(string.Concat(query.Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' '))).Split(' ');
        var found = new List<IndexedEntity>();
        for (var length = 4; length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                if (index.EntityByName.TryGetValue(string.Join(' ', words, start, length), out var entity) && !found.Contains(entity))
                {
                    found.Add(entity);
                }
            }
        }
        return found;
    }

    private Task<List<FoundFact>> ReadFactsAsync(GraphMemory memory, List<Scored> ranked, GraphIndex index, Func<long, bool> relevant,
        CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var command = db.Command(FactSql).With("@account", memory.Account).With("@memory", memory.MemoryId);
            for (var i = 0; i < Candidates; i++)
            {
                command.With($"@c{i}", i < ranked.Count ? ranked[i].Id : -1L);
            }
            var rows = new Dictionary<long, FoundFact>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var seq = reader.GetInt64(0);
                    rows[seq] = new FoundFact(seq, reader.GetString(1), reader.IsDBNull(2) ? null : UnixMs.ToDateTime(reader.GetInt64(2)),
                        index.Facts.TryGetValue(seq, out var fact) ? fact.Entities : [], Text(3), Text(4), Text(5), Text(6), Text(7),
                        reader.IsDBNull(8) ? null : UnixMs.ToDateTime(reader.GetInt64(8)), 0, relevant(seq));
                }

                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            }
            var found = new List<FoundFact>(rows.Count);
            foreach (var candidate in ranked)
            {
                if (rows.TryGetValue(candidate.Id, out var row))
                {
                    found.Add(row with { Score = Math.Round(candidate.Score, 6) });
                }
            }
            return found;
        }, cancellationToken);
}
