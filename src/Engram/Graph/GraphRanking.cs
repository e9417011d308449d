using Engram.Retrieval;

namespace Engram.Graph;

/// How graph retrieval ranks facts: relevance (the fused rank of the fact's own words and meaning)
/// and proximity (how close the fact sits, in the graph, to what the query is about), then newest
/// first among facts that contradict one another.
public static class GraphRanking
{
    private const double RelevanceWeight = 0.65, ProximityWeight = 0.35;
    /// An entity's weight as the best seed fact passes it on, and as a named entity passes it two hops on.
    private const double SeedHop = 0.6, SecondHop = 0.4;

    public static List<Scored> Rank(GraphIndex index, IReadOnlyList<Scored> fused, IReadOnlyList<IndexedEntity> named, int topK,
        int entitiesFollowed, int factsPerEntity)
    {
        var relevance = new Dictionary<long, double>();
        foreach (var hit in fused)
        {
            relevance[hit.Id] = hit.Score;
        }
        // What the query is about: the entities it names (weight 1), those of its best facts (one hop
        // out from them), and those a named entity's facts mention (the second hop).
        var weight = new Dictionary<long, double>();
        foreach (var entity in named)
        {
            weight[entity.Seq] = 1;
        }
        foreach (var hit in fused.Take(topK))
        {
            Raise(weight, EntitiesOf(index, hit.Id), SeedHop * hit.Score);
        }
        foreach (var entity in named)
        {
            foreach (var fact in Newest(index, entity.Seq, factsPerEntity))
            {
                Raise(weight, EntitiesOf(index, fact), SecondHop);
            }
        }
        var proximity = new Dictionary<long, double>();
        foreach (var (entity, w) in weight.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).Take(entitiesFollowed))
        {
            var facts = index.FactsOfEntity.TryGetValue(entity, out var all) ? all : [];
            // An entity in many facts (the speaker of a whole conversation) tells less about each: it
            // reorders the facts found already rather than bringing its every fact in.
            var specific = w / (1 + Math.Log(Math.Max(1.0, facts.Length / 8.0)));
            IEnumerable<long> reached = facts.Length <= factsPerEntity ? facts
                : relevance.Keys.Where(fact => EntitiesOf(index, fact).Contains(entity));
            foreach (var fact in reached)
            {
                proximity[fact] = Math.Max(proximity.GetValueOrDefault(fact), specific);
            }
        }
        var scores = new Dictionary<long, double>();
        foreach (var fact in relevance.Keys.Union(proximity.Keys))
        {
            scores[fact] = RelevanceWeight * relevance.GetValueOrDefault(fact) + ProximityWeight * proximity.GetValueOrDefault(fact);
        }
        NewestFirstAmongContradictions(index, scores);
        var ranked = scores.Select(pair => new Scored(pair.Key, (float)pair.Value)).ToList();
        ranked.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : b.Id.CompareTo(a.Id));
        return ranked;
    }

    /// Facts of the same relation between the same entities say different things at different times:
    /// the group keeps its scores, handed out newest first, so the latest word on it ranks first.
    private static void NewestFirstAmongContradictions(GraphIndex index, Dictionary<long, double> scores)
    {
        var groups = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var fact in scores.Keys)
        {
            if (index.Facts.TryGetValue(fact, out var indexed) && indexed.Relation is { } relation && indexed.Entities.Length > 0)
            {
                var key = relation.ToLowerInvariant() + "|" + string.Join(',', indexed.Entities.Order());
                (groups.TryGetValue(key, out var list) ? list : groups[key] = []).Add(fact);
            }
        }
        foreach (var members in groups.Values.Where(group => group.Count > 1))
        {
            var handed = members.Select(fact => scores[fact]).OrderDescending().ToList();
            var newestFirst = members.OrderByDescending(fact => index.Facts[fact].ValidAt ?? DateTime.MinValue).ThenByDescending(fact => fact).ToList();
            for (var i = 0; i < newestFirst.Count; i++)
            {
                scores[newestFirst[i]] = handed[i];
            }
        }
    }

    private static long[] EntitiesOf(GraphIndex index, long fact) => index.Facts.TryGetValue(fact, out var indexed) ? indexed.Entities : [];

    private static IEnumerable<long> Newest(GraphIndex index, long entity, int count) =>
        index.FactsOfEntity.TryGetValue(entity, out var facts) ? facts.Skip(Math.Max(0, facts.Length - count)) : [];

    private static void Raise(Dictionary<long, double> weight, long[] entities, double value)
    {
        foreach (var entity in entities)
        {
            weight[entity] = Math.Max(weight.GetValueOrDefault(entity), value);
        }
    }
}
