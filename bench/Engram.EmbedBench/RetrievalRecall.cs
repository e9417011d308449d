using Engram.Embeddings;

namespace Engram.EmbedBench;

/// recall@k as shared/locomo/README.md defines it: the share of a question's evidence
/// turns among the k nearest turns by cosine, averaged over questions. Vectors only, no fusion,
/// no reranking: this compares models, not retrieval pipelines.
internal static class RetrievalRecall
{
    public sealed record Figures(int Questions, double At5, double At10, IReadOnlyDictionary<int, (int Questions, double At5, double At10)> ByCategory);

    public static async Task<Figures> MeasureAsync(IEmbedder embedder, IReadOnlyList<Conversation> conversations)
    {
        var scored = new List<(int Category, double At5, double At10)>();
        foreach (var conversation in conversations)
        {
            var turnVectors = await embedder.EmbedDocumentsAsync([.. conversation.Turns.Select(turn => turn.Text)], CancellationToken.None);
            foreach (var question in conversation.Questions)
            {
                var query = await embedder.EmbedQueryAsync(question.Text, CancellationToken.None);
                var nearest = Enumerable.Range(0, turnVectors.Length)
                    .OrderByDescending(i => Dot(query, turnVectors[i]))
                    .Take(10)
                    .Select(i => conversation.Turns[i].DiaId)
                    .ToArray();
                scored.Add((question.Category, Recall(nearest.Take(5), question.Evidence), Recall(nearest, question.Evidence)));
            }
        }
        var byCategory = scored.GroupBy(s => s.Category).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Average(s => s.At5), g.Average(s => s.At10)));
        return new Figures(scored.Count, scored.Average(s => s.At5), scored.Average(s => s.At10), byCategory);
    }

    private static double Recall(IEnumerable<string> retrieved, IReadOnlySet<string> evidence) =>
        (double)retrieved.Count(evidence.Contains) / evidence.Count;

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
