using Engram.Retrieval;
using static Engram.LoCoMo.Sweep;

namespace Engram.LoCoMo;

/// One way of ranking a conversation's turns: which embedded texts are searched, what BM25 reads
/// (k1, b), and how the lists are fused (RRF k, a weight per list: vectors first, words last).
public sealed record SweepVariant(string Name, string[] Vectors, TurnText Words, float K1 = 1.2f, float B = 0f, int RrfK = 60,
    double[]? Weights = null, int WordsDepth = 50)
{
    public sealed record Built(IReadOnlyList<VectorIndex> Vectors, LexicalIndex Words);

    public Built Build(IReadOnlyList<SweepTurn> turns, int conversation, Dictionary<string, List<float[][]>> vectors)
    {
        var indexes = new List<VectorIndex>();
        foreach (var name in Vectors)
        {
            var index = new VectorIndex(384);
            var set = vectors[name][conversation];
            for (var i = 0; i < turns.Count; i++)
            {
                index.Add(i, set[i]);
            }
            indexes.Add(index);
        }
        var words = new LexicalIndex(K1, B);
        for (var i = 0; i < turns.Count; i++)
        {
            words.Add(i, Words(turns, i));
        }
        return new Built(indexes, words);
    }

    public List<int> Rank(Built built, string query, float[] vector)
    {
        var rankings = built.Vectors.Select(index => index.Search(vector, 50)).ToList();
        rankings.Add(built.Words.Search(query, WordsDepth));
        var weights = Weights ?? Enumerable.Repeat(1.0, rankings.Count).ToArray();
        var fused = new Dictionary<long, double>();
        for (var r = 0; r < rankings.Count; r++)
        {
            for (var rank = 1; rank <= rankings[r].Count; rank++)
            {
                var id = rankings[r][rank - 1].Id;
                fused[id] = fused.GetValueOrDefault(id) + weights[r] / (RrfK + rank);
            }
        }
        return fused.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(10).Select(p => (int)p.Key).ToList();
    }
}

public static class SweepVariants
{
    // What the product does today: the turn embedded alone; BM25 reads the turn between its neighbours' raw contents.
    private static readonly TurnText RawWindow = (t, i) => Join(Neighbour(t, i, -1)?.Content, t[i].Rendered, Neighbour(t, i, 1)?.Content);
    private static readonly TurnText RenderedWindow = (t, i) => Join(Neighbour(t, i, -1)?.Rendered, t[i].Rendered, Neighbour(t, i, 1)?.Rendered);
    private static readonly TurnText Wide = (t, i) => Join(Neighbour(t, i, -2) is null ? null : Neighbour(t, i, -2)!.Content,
        Neighbour(t, i, -1)?.Content, t[i].Rendered, Neighbour(t, i, 1)?.Content, Neighbour(t, i, 2) is null ? null : Neighbour(t, i, 2)!.Content);
    private static readonly TurnText TurnOnly = (t, i) => t[i].Rendered;

    // The turn between `each` rendered turns either side, in its session (what the index assembles).
    private static TurnText Window(int each) => (t, i) =>
        Join(Enumerable.Range(-each, 2 * each + 1).Select(step => Neighbour(t, i, step)?.Rendered).ToArray());

    public static IEnumerable<SweepVariant> All()
    {
        yield return new("product: turn vec + raw window bm25", ["turn"], RawWindow);
        yield return new("turn bm25 only (no window)", ["turn"], TurnOnly);
        yield return new("rendered window bm25", ["turn"], RenderedWindow);
        yield return new("5-turn window bm25", ["turn"], Wide);
        foreach (var k1 in new[] { 0.6f, 0.9f, 1.5f, 2.0f })
        {
            yield return new($"k1 {k1}", ["turn"], RawWindow, K1: k1);
        }
        foreach (var b in new[] { 0.25f, 0.5f })
        {
            yield return new($"b {b}", ["turn"], RawWindow, B: b);
        }
        foreach (var k in new[] { 10, 20, 40, 100 })
        {
            yield return new($"rrf k {k}", ["turn"], RawWindow, RrfK: k);
        }
        yield return new("weights vec 1.5 words 1", ["turn"], RawWindow, Weights: [1.5, 1]);
        yield return new("weights vec 1 words 1.5", ["turn"], RawWindow, Weights: [1, 1.5]);
        foreach (var k in new[] { 3, 5, 10, 15 })
        {
            foreach (var each in new[] { 1, 2, 3 })
            {
                yield return new($"rrf k {k}, {2 * each + 1}-turn rendered window", ["turn"], Window(each), RrfK: k);
            }
        }
        yield return new("rrf k 10, 5-turn window, b 0.5", ["turn"], Window(2), RrfK: 10, B: 0.5f);
        yield return new("rrf k 10, 5-turn window, k1 0.9", ["turn"], Window(2), RrfK: 10, K1: 0.9f);
        yield return new("rrf k 10, 5-turn window, words 1.25", ["turn"], Window(2), RrfK: 10, Weights: [1, 1.25]);
        yield return new("rrf k 10, 5-turn window, vec 1.25", ["turn"], Window(2), RrfK: 10, Weights: [1.25, 1]);
        yield return new("prev+turn vec", ["prev+turn"], RawWindow);
        yield return new("window vec", ["window"], RawWindow);
        yield return new("turn + prev+turn vec", ["turn", "prev+turn"], RawWindow);
        yield return new("turn + window vec", ["turn", "window"], RawWindow);
        yield return new("turn + window vec, words 2", ["turn", "window"], RawWindow, Weights: [1, 1, 2]);
        yield return new("turn + prev+turn + window vec", ["turn", "prev+turn", "window"], RawWindow);
    }
}
