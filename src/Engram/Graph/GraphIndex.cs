using System.Collections.Concurrent;
using Engram.Retrieval;

namespace Engram.Graph;

/// A fact as the index holds it: when it held, what relation it states, and the entities it connects.
public sealed record IndexedFact(DateTime? ValidAt, string? Relation, long[] Entities);

/// An entity as the index holds it, for matching a query's names and rendering.
public sealed record IndexedEntity(long Seq, string Name, string Kind);

/// One memory's facts as this process searches them: their words and vectors (the chunks' indexes,
/// over facts) and the graph, fact to entities and entity to facts. Refreshed under `Refresh` only;
/// readers see each map's last published state (entity maps are swapped whole, link arrays are
/// replaced, never changed in place).
public sealed class GraphIndex(int dimensions, long incarnation) : LoadedIndex(incarnation)
{
    // Per-entry estimates of what the maps hold beyond the words and vectors: a fact's dictionary node,
    // its record and entity array; an entity's fact list; an entity's record and name; a name key.
    private const long FactBytes = 160, FactListBytes = 80, EntityBytes = 120, NameBytes = 64;

    public VectorIndex Vectors { get; } = new(dimensions);
    // b = 0, as for chunks: facts are single sentences, and their length says nothing.
    public LexicalIndex Words { get; } = new(k1: 1.2f, b: 0f);
    public ConcurrentDictionary<long, IndexedFact> Facts { get; } = new();
    public ConcurrentDictionary<long, long[]> FactsOfEntity { get; } = new();

    /// Names and aliases in lower case, words separated by one space, to the entity they name.
    public IReadOnlyDictionary<string, IndexedEntity> EntityByName { get; set; } = new Dictionary<string, IndexedEntity>();
    public IReadOnlyDictionary<long, IndexedEntity> Entities { get; set; } = new Dictionary<long, IndexedEntity>();

    public long LastSeq { get; set; }
    public long IndexVersion { get; set; } = -1;
    public long RemovalVersion { get; set; }
    public SemaphoreSlim Refresh { get; } = new(1, 1);

    /// The word and vector indexes keep their own counts and the maps' counts take no walk (a
    /// concurrent dictionary sums its per-lock counts), so this is as cheap as MemoryIndex's.
    public override long EstimatedBytes => Vectors.EstimatedBytes + Words.EstimatedBytes + FactBytes * Facts.Count
        + FactListBytes * FactsOfEntity.Count + EntityBytes * Entities.Count + NameBytes * EntityByName.Count;

    /// The key a name is matched by: lower case, runs of anything but letters and digits as one space.
    public static string NameKey(string name)
    {
        var words = name.ToLowerInvariant().Split((char[])[' ', '\t', '\n', '.', ',', '\'', '-', '\u2019'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words);
    }
}
