namespace Engram.Graph.Extraction;

/// Where a text says two names are one: "Melanie (Mel)", "Melanie, aka Mel", "Mel, short for
/// Melanie", "Robert, known as Bob", and the speaker's own "call me Mel" or "my name is Mel".
internal static class AliasPairs
{
    private static readonly HashSet<string> Between = new(StringComparer.Ordinal)
    {
        "(", "aka", ", aka", "a.k.a", ", a.k.a", "also known as", ", also known as", "known as", ", known as", "short for",
        ", short for", "or just", ", or just", "goes by", ", who goes by", "nicknamed", ", nicknamed", "\"", "“",
    };

    private static readonly HashSet<string> Before = new(StringComparer.Ordinal)
    {
        "call me", "my name is", "my name's", "name's", "i go by", "everyone calls me", "people call me",
    };

    public static IEnumerable<(string, string)> In(List<Token> sentence, List<Mention> mentions, string? speaker)
    {
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (m > 0 && Between.Contains(Words(sentence, mentions[m - 1].End, mention.Start)))
            {
                yield return (mentions[m - 1].Name, mention.Name);
            }
            if (speaker is not null)
            {
                for (var width = 2; width <= 3; width++)
                {
                    if (mention.Start >= width && Before.Contains(Words(sentence, mention.Start - width, mention.Start)))
                    {
                        yield return (speaker, mention.Name);
                    }
                }
            }
        }
    }

    private static string Words(List<Token> sentence, int start, int end) =>
        end - start is > 0 and <= 4 ? string.Join(' ', sentence.GetRange(start, end - start).Select(t => t.Key)) : "";
}
