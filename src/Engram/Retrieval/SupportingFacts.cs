namespace Engram.Retrieval;

public sealed record ScoredSentence(string Content, double Score);

/// The built-in `facts` and `assisted` answers: the sentences of the best chunks that share the
/// most of the query's words, weighted by their chunk's score; one that shares none is no support. No model: it only ever returns
/// sentences that are in memory, so it cannot invent what memory lacks.
public static class SupportingFacts
{
    private const int ChunksLooked = 5;

    public static IReadOnlyList<ScoredSentence> From(string query, IReadOnlyList<FoundChunk> chunks)
    {
        var queryWords = TextTokens.Of(query).ToHashSet();
        var sentences = new List<ScoredSentence>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in chunks.Take(ChunksLooked))
        {
            foreach (var sentence in Sentences(chunk.Content))
            {
                if (!seen.Add(sentence))
                {
                    continue;
                }
                var words = TextTokens.Of(sentence).ToHashSet();
                var shared = words.Count(queryWords.Contains);
                if (shared == 0)
                {
                    continue; // a sentence that shares no word with the question supports nothing it asked
                }
                var overlap = queryWords.Count == 0 ? 0 : (double)shared / queryWords.Count;
                // A message's first sentence already says its date after the speaker: it is not said twice.
                var day = chunk.DatedAt is { } at ? $"({at:d MMMM yyyy})" : null;
                var dated = day is null || sentence.Contains(day, StringComparison.Ordinal) ? sentence : $"{sentence} {day}";
                sentences.Add(new ScoredSentence(dated, Math.Round(chunk.Score * (0.5 + 0.5 * overlap), 6)));
            }
        }
        sentences.Sort((a, b) => b.Score.CompareTo(a.Score));
        return sentences;
    }

    /// Sentence ends: ., ! or ? followed by white space, or a line break.
    public static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] is '\n' || (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (end || i + 1 == text.Length)
            {
                var sentence = text[start..(i + 1)].Trim();
                if (sentence.Length > 1)
                {
                    yield return sentence;
                }
                start = i + 1;
            }
        }
    }
}
