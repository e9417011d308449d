using Engram.Retrieval;

namespace Engram.Graph;

/// A graph memory's sources: the messages and files behind its best passages (the chunk search a
/// vector memory runs) and behind its best facts (the graph search), joined by reciprocal rank.
/// The passages keep what a question's own words find (a fact sentence drops some of the turn's
/// words); the facts bring what the graph reaches in a hop or two, which multi-hop questions need.
public static class GraphFusion
{
    /// k small, so that a list's first places count for much more than its tail; the facts weigh
    /// less than the passages, so that a fact's source displaces a passage's only when the graph is
    /// sure of it or both lists name it.
    private const int K = 10;
    private const double FactWeight = 0.7;

    public static List<SourceItem> Sources(IReadOnlyList<SourceItem> passages, IReadOnlyList<SourceItem> facts)
    {
        var fused = new Dictionary<string, (SourceItem Source, double Score)>(StringComparer.Ordinal);
        Add(passages, 1.0);
        Add(facts, FactWeight);
        var best = (1.0 + FactWeight) / (K + 1);
        return [.. fused.Values
            .OrderByDescending(entry => entry.Score).ThenBy(entry => entry.Source.Id, StringComparer.Ordinal)
            .Select(entry => entry.Source with { Score = Math.Round(entry.Score / best, 6) })];

        void Add(IReadOnlyList<SourceItem> ranked, double weight)
        {
            for (var rank = 1; rank <= ranked.Count; rank++)
            {
                var source = ranked[rank - 1];
                var key = source.Type + ":" + source.Id;
                var score = weight / (K + rank);
                fused[key] = fused.TryGetValue(key, out var entry) ? (entry.Source, entry.Score + score) : (source, score);
            }
        }
    }
}
