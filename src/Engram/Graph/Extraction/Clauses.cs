namespace Engram.Graph.Extraction;

/// Where one sentence holds two claims: "I went to a support group yesterday and it was
/// powerful" stays one (its "it" needs the first half), but "I love painting, and I run
/// a small gallery" is two facts. A clause starts after ";" or at "and", "but" or "so", or a spaced
/// dash, when a subject of its own follows and the part before has at least three words.
internal static class Clauses
{
    private const int ShortestLeftPart = 3;

    /// The clauses as [start, end) token ranges of the sentence, the joining words left out.
    public static List<(int Start, int End)> Of(List<Token> sentence)
    {
        var clauses = new List<(int, int)>();
        var start = 0;
        for (var i = 1; i < sentence.Count - 1; i++)
        {
            var token = sentence[i];
            var split = token.Is(";")
                || (IsDash(token) && token.SpaceBefore && sentence[i + 1].SpaceBefore && StartsSubject(sentence, i + 1))
                || (token.IsWord && token.Key is "and" or "but" or "so" && StartsSubject(sentence, i + 1) && !Coordinated(sentence, i));
            if (!split || Words(sentence, start, i) < ShortestLeftPart)
            {
                continue;
            }
            var end = i > start && sentence[i - 1].Is(",") ? i - 1 : i;
            clauses.Add((start, end));
            start = i + 1;
        }
        clauses.Add((start, sentence.Count));
        return clauses;
    }

    // "Pepper and Panda went…": two names joined by "and" are one subject, not two clauses.
    private static bool Coordinated(List<Token> sentence, int i) =>
        sentence[i].Key == "and" && sentence[i - 1].IsCapitalised && sentence[i + 1].IsCapitalised;

    private static bool IsDash(Token token) => token.Kind == TokenKind.Punctuation && token.Text is "-" or "–" or "—";

    // "I", "she", "we"… or a name followed by a lower-case word: "…, and Mel paints".
    private static bool StartsSubject(List<Token> sentence, int i) =>
        i < sentence.Count && sentence[i].IsWord
        && (FunctionWords.SubjectPronouns.Contains(sentence[i].Key)
            || (sentence[i].IsCapitalised && i + 1 < sentence.Count && sentence[i + 1].IsLower));

    private static int Words(List<Token> sentence, int start, int end)
    {
        var words = 0;
        for (var i = start; i < end; i++)
        {
            words += sentence[i].IsWord ? 1 : 0;
        }
        return words;
    }
}
