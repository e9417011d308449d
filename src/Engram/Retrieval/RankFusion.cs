namespace Engram.Retrieval;

/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each list gives an id
/// 1 / (k + rank), rank from 1; the sums decide. It needs no calibration between lists whose
/// scores mean different things (cosine, BM25), which is why it joins them.
public static class RankFusion
{
    /// Reciprocal rank fusion of ranked lists (best first); returns best first with scores mapped
    /// into (0, 1]: divided by what an id first in every list would get, so 1 is the best
    /// possible. An id listed twice in one list counts at its better rank; ties go to the lower id.
    public static IReadOnlyList<Scored> Reciprocal(IReadOnlyList<IReadOnlyList<Scored>> rankings, int k = 60, int take = 10)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (take <= 0 || rankings.Count == 0)
        {
            return [];
        }
        var fused = new Dictionary<long, double>();
        var seen = new HashSet<long>();
        foreach (var ranking in rankings)
        {
            seen.Clear();
            for (var rank = 1; rank <= ranking.Count; rank++)
            {
                var id = ranking[rank - 1].Id;
                if (seen.Add(id))
                {
                    fused[id] = fused.GetValueOrDefault(id) + 1.0 / (k + rank);
                }
            }
        }
        var best = rankings.Count / (k + 1.0);
        var ordered = fused.ToList();
        ordered.Sort((x, y) => x.Value != y.Value ? y.Value.CompareTo(x.Value) : x.Key.CompareTo(y.Key));
        var hits = new Scored[Math.Min(take, ordered.Count)];
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = new Scored(ordered[i].Key, (float)(ordered[i].Value / best));
        }
        return hits;
    }
}
