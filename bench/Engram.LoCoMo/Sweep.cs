using Engram.Embeddings;
using Engram.Ingestion;
using Engram.Retrieval;

namespace Engram.LoCoMo;

/// Ranking ideas tried offline, in seconds each: the conversations rendered and embedded once by
/// Engram's own embedder (vectors cached in a file), then each variant ranks every question with
/// Engram's LexicalIndex, VectorIndex and RankFusion as GET /memory would. What wins here is then
/// measured through the HTTP bench; these figures only choose what to build.
public static class Sweep
{
    /// One conversation's turns in message order, as the index would hold them, and its questions.
    private sealed record Indexed(Conversation Conversation, IReadOnlyList<SweepTurn> Turns, Dictionary<string, int> RowOf);

    public sealed record SweepTurn(string DiaId, int Session, string Rendered, string Content, DateTime At);

    /// Embedded texts by name ("turn", "prev+turn", "window"), one vector per turn.
    public delegate string TurnText(IReadOnlyList<SweepTurn> turns, int i);

    /// `only`: the embedded texts to make (the others' variants are skipped), since a window takes minutes to embed.
    public static async Task RunAsync(IEmbedder embedder, string[] files, string cache, IReadOnlySet<string> only)
    {
        var conversations = files.Select(Conversation.Load).Select(Index).ToList();
        var texts = new Dictionary<string, TurnText>
        {
            ["turn"] = (t, i) => t[i].Rendered,
            ["prev+turn"] = (t, i) => Join(Neighbour(t, i, -1)?.Rendered, t[i].Rendered, null),
            ["window"] = (t, i) => Join(Neighbour(t, i, -1)?.Rendered, t[i].Rendered, Neighbour(t, i, 1)?.Rendered),
        };
        var vectors = new Dictionary<string, List<float[][]>>();
        foreach (var (name, text) in texts.Where(t => only.Contains(t.Key)))
        {
            vectors[name] = await EmbedCachedAsync(embedder, conversations, name, text, cache);
        }
        var questions = new List<(int Conversation, Question Question, float[] Vector)>();
        for (var c = 0; c < conversations.Count; c++)
        {
            var asked = conversations[c].Conversation.Questions.Where(q => q.Category is >= 1 and <= 4 && q.Evidence.Count > 0).ToList();
            var queryVectors = await EmbedQueriesCachedAsync(embedder, asked.Select(q => q.Text).ToList(), Path.Combine(cache, $"q{c}.bin"));
            questions.AddRange(asked.Select((q, i) => (c, q, queryVectors[i])));
        }
        Console.WriteLine($"{"variant",-48} {"R@5",6} {"R@10",6} {"multi",6} {"temp",6} {"open",6} {"single",6}");
        foreach (var variant in SweepVariants.All().Where(v => v.Vectors.All(only.Contains)))
        {
            var scores = new List<(int Category, double At5, double At10)>();
            var built = conversations.Select((c, i) => variant.Build(c.Turns, i, vectors)).ToList();
            foreach (var (c, question, vector) in questions)
            {
                var ranked = variant.Rank(built[c], question.Text, vector);
                var evidence = question.Evidence.Select(e => conversations[c].RowOf.GetValueOrDefault(e, -1)).ToHashSet();
                double Recall(int k) => (double)ranked.Take(k).Count(evidence.Contains) / question.Evidence.Count;
                scores.Add((question.Category, Recall(5), Recall(10)));
            }
            double Cat(int category) => scores.Where(s => s.Category == category).Average(s => s.At10);
            Console.WriteLine($"{variant.Name,-48} {scores.Average(s => s.At5),6:F3} {scores.Average(s => s.At10),6:F3} " +
                $"{Cat(1),6:F3} {Cat(2),6:F3} {Cat(3),6:F3} {Cat(4),6:F3}");
        }
    }

    public static SweepTurn? Neighbour(IReadOnlyList<SweepTurn> turns, int i, int step) =>
        i + step >= 0 && i + step < turns.Count && turns[i + step].Session == turns[i].Session ? turns[i + step] : null;

    public static string Join(params string?[] parts) => string.Join("\n", parts.Where(p => p is not null));

    private static Indexed Index(Conversation conversation)
    {
        var turns = new List<SweepTurn>();
        foreach (var (number, sessionTurns) in conversation.Sessions)
        {
            foreach (var turn in sessionTurns)
            {
                var role = turn.Speaker == conversation.SpeakerA ? "user" : "assistant";
                turns.Add(new SweepTurn(turn.DiaId, number, ConversationText.Render(role, turn.Text, turn.At), turn.Text, turn.At));
            }
        }
        var rowOf = new Dictionary<string, int>();
        for (var i = 0; i < turns.Count; i++)
        {
            rowOf.TryAdd(turns[i].DiaId, i);
        }
        return new Indexed(conversation, turns, rowOf);
    }

    private static async Task<List<float[][]>> EmbedCachedAsync(IEmbedder embedder, List<Indexed> conversations, string name, TurnText text,
        string cache)
    {
        var result = new List<float[][]>();
        for (var c = 0; c < conversations.Count; c++)
        {
            var turns = conversations[c].Turns;
            var path = Path.Combine(cache, $"{name.Replace('+', '_')}-{c}.bin");
            if (File.Exists(path))
            {
                result.Add(Read(path, turns.Count));
                continue;
            }
            var embedded = await embedder.EmbedDocumentsAsync(turns.Select((_, i) => text(turns, i)).ToList(), CancellationToken.None);
            Write(path, embedded);
            result.Add(embedded);
        }
        return result;
    }

    private static async Task<float[][]> EmbedQueriesCachedAsync(IEmbedder embedder, List<string> queries, string path)
    {
        if (File.Exists(path))
        {
            return Read(path, queries.Count);
        }
        var vectors = new float[queries.Count][];
        for (var i = 0; i < queries.Count; i++)
        {
            vectors[i] = await embedder.EmbedQueryAsync(queries[i], CancellationToken.None);
        }
        Write(path, vectors);
        return vectors;
    }

    private static float[][] Read(string path, int count)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadInt32();
            vectors[i] = new float[length];
            for (var d = 0; d < length; d++)
            {
                vectors[i][d] = reader.ReadSingle();
            }
        }
        return vectors;
    }

    private static void Write(string path, float[][] vectors)
    {
        using var writer = new BinaryWriter(File.Create(path));
        foreach (var vector in vectors)
        {
            writer.Write(vector.Length);
            foreach (var value in vector)
            {
                writer.Write(value);
            }
        }
    }
}
