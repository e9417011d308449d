using System.Data.Common;
using Engram.Paging;
using Engram.Storage;

namespace Engram.Graph;

/// The SQL of GET /memories/entities and /memories/facts: a memory's entities and facts, oldest
/// first, paged like every list. A fact learnt from a message that was deleted since is not listed.
public sealed class GraphLists(IStore store)
{
    /// The names of a whole page of facts are read at once, in one statement text.
    private const int MostPerPage = Validation.Limits.MaxPageSize;

    private const string EntityColumns = """
        seq, id, name, kind, aliases, created_at, updated_at,
        (SELECT COUNT(*) FROM fact_entities fe WHERE fe.entity_seq = entities.seq) AS fact_count
        """;

    private const string FactColumns = """
        seq, id, sample_id, content, relation, valid_at, created_at,
        (SELECT COALESCE(s.file_id, s.message_id) FROM samples s WHERE s.account_id = facts.account_id AND s.id = facts.sample_id) AS source_id
        """;

    private const string LiveFacts = """
        facts WHERE account_id = @account AND memory_id = @memory AND NOT EXISTS (
            SELECT 1 FROM samples s LEFT JOIN messages m ON m.account_id = s.account_id AND m.id = s.message_id
            WHERE s.account_id = facts.account_id AND s.id = facts.sample_id AND s.message_id IS NOT NULL AND (m.id IS NULL OR m.deleted_at IS NOT NULL))
        """;

    private static readonly KeysetList EntitiesOfMemory = new(EntityColumns, "entities WHERE account_id = @account AND memory_id = @memory",
        "seq", "id", descending: false);
    private static readonly KeysetList FactsOfMemory = new(FactColumns, LiveFacts, "seq", "id", descending: false);
    private static readonly KeysetList FactsOfEntity = new(FactColumns,
        LiveFacts + " AND seq IN (SELECT fe.fact_seq FROM fact_entities fe WHERE fe.entity_seq = @entity)", "seq", "id", descending: false);

    private static readonly string NamesSql = $"""
        SELECT fe.fact_seq, e.name FROM fact_entities fe JOIN entities e ON e.seq = fe.entity_seq
        WHERE fe.fact_seq IN ({string.Join(", ", Enumerable.Range(0, MostPerPage).Select(i => $"@f{i}"))}) ORDER BY e.seq
        """;

    public Task<Page<Entity>> EntitiesAsync(string account, string memoryId, PageRequest page, CancellationToken cancellationToken) =>
        store.ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, EntitiesOfMemory,
            command => command.With("@account", account).With("@memory", memoryId), page,
            (reader, position) => new Entity(position.Id, memoryId, reader.GetString(2), reader.GetString(3),
                EntityAliases.Split(reader.GetString(4)), reader.GetInt64(7), UnixMs.ToDateTime(reader.GetInt64(5)),
                UnixMs.ToDateTime(reader.GetInt64(6))),
            Position, cancellationToken), cancellationToken);

    /// The memory's facts, or those of one entity (by id or name); an entity the memory lacks has none.
    public Task<Page<Fact>> FactsAsync(string account, string memoryId, string? entity, PageRequest page, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            long entitySeq = 0;
            if (entity is not null)
            {
                entitySeq = await db.Command("""
                    SELECT COALESCE(MAX(seq), -1) FROM entities WHERE account_id = @account AND memory_id = @memory AND (id = @entity OR name_key = @key)
                    """).With("@account", account).With("@memory", memoryId).With("@entity", entity).With("@key", entity.Trim().ToLowerInvariant())
                    .ScalarInt64Async(cancellationToken);
            }
            var facts = await KeysetPaging.ReadPageAsync(db.Command, entity is null ? FactsOfMemory : FactsOfEntity,
                command =>
                {
                    command.With("@account", account).With("@memory", memoryId);
                    if (entity is not null)
                    {
                        command.With("@entity", entitySeq);
                    }
                }, page,
                (reader, position) => (Seq: reader.GetInt64(0), Fact: new Fact(position.Id, memoryId, reader.GetString(3), [],
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : UnixMs.ToDateTime(reader.GetInt64(5)),
                    reader.GetString(2), reader.IsDBNull(7) ? null : reader.GetString(7), UnixMs.ToDateTime(reader.GetInt64(6)))),
                Position, cancellationToken);
            var names = await NamesAsync(db, facts.Items.Select(item => item.Seq).ToList(), cancellationToken);
            return new Page<Fact>([.. facts.Items.Select(item => item.Fact with { Entities = names.GetValueOrDefault(item.Seq) ?? [] })],
                facts.Next, facts.Previous);
        }, cancellationToken);

    private static async Task<Dictionary<long, List<string>>> NamesAsync(ISqlConnection db, List<long> seqs, CancellationToken cancellationToken)
    {
        var names = new Dictionary<long, List<string>>();
        var command = db.Command(NamesSql);
        for (var i = 0; i < MostPerPage; i++)
        {
            command.With($"@f{i}", i < seqs.Count ? seqs[i] : -1L);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            (names.TryGetValue(reader.GetInt64(0), out var list) ? list : names[reader.GetInt64(0)] = []).Add(reader.GetString(1));
        }
        return names;
    }

    private static Position Position(DbDataReader reader) => new(reader.GetInt64(0), reader.GetString(1));
}
