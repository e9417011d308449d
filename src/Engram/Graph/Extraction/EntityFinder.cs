using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// Finds the names in a sentence, most certain first: quoted titles (and, for support tickets,
/// quoted errors and error codes), title-case titles after "read", "watched", "called"…, then
/// runs of capitalised words, which NameKind sorts into kinds. A capitalised word that only opens
/// the sentence ("Painting is fun") counts only when the text also writes it capitalised elsewhere.
internal sealed class EntityFinder(string? speaker, IReadOnlySet<string> capitalisedElsewhere, ExtractionRules rules)
{
    private const int LongestName = 6;
    private const int LongestTitle = 10;

    private static FrozenSet<string> Set(string words) =>
        words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> TitleVerbs = Set("read reading reads reread watched watching watch watches titled entitled");
    private static readonly FrozenSet<string> NamingVerbs = Set("called named");
    private static readonly FrozenSet<string> WorkNouns = Set("book novel film movie song album show series podcast poem play documentary painting track record game");
    private static readonly FrozenSet<string> Connectors = Set("of the a an and in on to for with at from or is de van von der del da la du le &");
    // After a name that opens a sentence, these say it is someone: "Priya says…", "Tom works…".
    private static readonly FrozenSet<string> SaysOrDoes = Set("""
        says said told tells thinks thought wants wanted works worked lives lived loves loved just went goes reports reported
        wrote writes asked asks called emailed and will would can could has had from
        """);
    private static readonly FrozenSet<string> NameConnectors = Set("of de van von der del da la du le &");

    public List<Mention> Find(List<Token> sentence)
    {
        var mentions = new List<Mention>();
        var taken = new bool[sentence.Count];
        Quoted(sentence, mentions, taken);
        if (rules.ErrorsAreEntities)
        {
            ErrorCodes.Find(sentence, mentions, taken);
        }
        Titles(sentence, mentions, taken);
        Names(sentence, mentions, taken);
        mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        return mentions;
    }

    private void Quoted(List<Token> sentence, List<Mention> mentions, bool[] taken)
    {
        for (var i = 0; i < sentence.Count; i++)
        {
            if (sentence[i].Kind != TokenKind.Punctuation || Closer(sentence[i].Text) is not { } closer)
            {
                continue;
            }
            var close = sentence.FindIndex(i + 1, Math.Min(LongestTitle + 2, sentence.Count - i - 1), t => t.Text == closer || (closer == "”" && t.Text == "\""));
            if (close <= i + 1 || !sentence[i + 1].IsWord)
            {
                continue;
            }
            var isError = rules.ErrorsAreEntities && ErrorCodes.IsErrorText(sentence, i + 1, close);
            // A title starts with a capital; a quoted clause ("she said "I love it"") or a scare-quoted word is not one.
            if (isError || (sentence[i + 1].IsCapitalised && !FunctionWords.SubjectPronouns.Contains(sentence[i + 1].Key)))
            {
                Take(mentions, taken, i + 1, close, Tokens.Join(sentence.GetRange(i + 1, close - i - 1)), isError ? EntityKinds.Error : EntityKinds.Title);
            }
            i = close;
        }
    }

    private static string? Closer(string open) => open switch
    {
        "\"" => "\"", "“" => "”", "‘" => "’", "'" => "'", "«" => "»", _ => null,
    };

    private void Titles(List<Token> sentence, List<Mention> mentions, bool[] taken)
    {
        for (var i = 0; i + 1 < sentence.Count; i++)
        {
            var key = sentence[i].Key;
            var cue = TitleVerbs.Contains(key) || NamingVerbs.Contains(key) || WorkNouns.Contains(key)
                || (key == "to" && i > 0 && sentence[i - 1].Key.StartsWith("listen", StringComparison.Ordinal))
                || (rules.ArtistAfterBy && key == "by" && i > 0 && taken[i - 1]);
            if (!cue || taken[i + 1] || !sentence[i + 1].IsCapitalised || sentence[i + 1].Key.StartsWith("i'", StringComparison.Ordinal))
            {
                continue;
            }
            var end = Run(sentence, i + 1, LongestTitle, Connectors, throughPossessive: true);
            var name = Tokens.Join(sentence.GetRange(i + 1, end - i - 1));
            var kind = key == "by" || (NamingVerbs.Contains(key) && end == i + 2 && !WorkNearby(sentence, i))
                ? EntityKinds.Person : EntityKinds.Title;
            Take(mentions, taken, i + 1, end, StripPossessive(name), kind);
        }
    }

    private void Names(List<Token> sentence, List<Mention> mentions, bool[] taken)
    {
        var first = sentence.FindIndex(t => t.Kind != TokenKind.Punctuation);
        for (var i = 0; i < sentence.Count; i++)
        {
            var token = sentence[i];
            // "European" is no one, but it starts "European Central Bank".
            var startsName = i + 1 < sentence.Count && sentence[i + 1].IsCapitalised && !KnownNames.NotNames.Contains(sentence[i + 1].Key);
            if (taken[i] || !token.IsCapitalised || token.Key.StartsWith("i'", StringComparison.Ordinal)
                || (KnownNames.NotNames.Contains(StripPossessive(token.Key)) && !startsName))
            {
                continue;
            }
            var end = Run(sentence, i, LongestName, NameConnectors, throughPossessive: false);
            var single = end == i + 1;
            if (KnownNames.Honorifics.Contains(token.Key))
            {
                continue; // "President Volodymyr Zelensky" is found from "Volodymyr"; NameKind sees the title before it
            }
            var name = StripPossessive(Tokens.Join(sentence.GetRange(i, end - i)));
            var starter = FunctionWords.Starters.Contains(StripPossessive(token.Key));
            if ((i == first && starter) || (single && starter && !Known(name)))
            {
                continue; // "The Beatles" is found from "Beatles"; "Thanks" is no one
            }
            if (i == first && single && !Known(name) && !(end < sentence.Count && (sentence[end].Is(",") || SaysOrDoes.Contains(sentence[end].Key))))
            {
                continue;
            }
            Take(mentions, taken, i, end, name, NameKind.Of(sentence, i, end, name, speaker, rules.ProductsByDefault));
            i = end - 1;
        }
    }

    // Capitalised words, numbers (versions), and the given connectors between capitalised words.
    private static int Run(List<Token> sentence, int start, int longest, FrozenSet<string> connectors, bool throughPossessive)
    {
        var end = start + 1;
        while (end < sentence.Count && end - start < longest && (throughPossessive || !NameKind.IsPossessive(sentence[end - 1].Text)))
        {
            var token = sentence[end];
            if ((token.IsCapitalised && !KnownNames.NotNames.Contains(token.Key)) || token.Kind == TokenKind.Number)
            {
                end++;
            }
            else if ((connectors.Contains(token.Key) || token.Is(":")) && end + 1 < sentence.Count && sentence[end + 1].IsCapitalised)
            {
                end += 2;
            }
            else
            {
                break;
            }
        }
        return Math.Min(end, sentence.Count);
    }

    private bool Known(string name)
    {
        var key = name.ToLowerInvariant();
        return key == speaker?.ToLowerInvariant() || capitalisedElsewhere.Contains(key) || KnownNames.Places.Contains(key)
            || KnownNames.Organisations.Contains(key) || KnownNames.Products.Contains(key);
    }

    private static bool WorkNearby(List<Token> sentence, int i)
    {
        for (var j = Math.Max(0, i - 4); j < i; j++)
        {
            if (WorkNouns.Contains(sentence[j].Key))
            {
                return true;
            }
        }
        return false;
    }

    private static void Take(List<Mention> mentions, bool[] taken, int start, int end, string name, string kind)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }
        Array.Fill(taken, true, start, end - start);
        mentions.Add(new Mention(start, end, name, kind));
    }

    public static string StripPossessive(string name) =>
        NameKind.IsPossessive(name) ? name[..^2] : name.EndsWith('\'') || name.EndsWith('\u2019') ? name[..^1] : name;
}
