using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// What kind of entity a capitalised name is, from the name itself and the words around it:
/// "works at Acme" is an organisation, "moved to Portland" a place, "Windows 11" a product,
/// "Dr. Lee" a person; a short name with nothing else to go on is a person, unless "the" comes before it.
internal static class NameKind
{
    private static FrozenSet<string> Set(string words) =>
        words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> WorkWords = Set("""
        work works worked working job intern interned interning internship volunteer volunteers volunteered
        volunteering employed hired studies study studied studying teach teaches taught teaching
        """);

    private static readonly FrozenSet<string> JoinWords = Set("joined join joins joining founded co-founded");

    private static readonly FrozenSet<string> PlaceWords = Set("in near around across outside inside visited visit visits visiting toward towards");

    private static readonly FrozenSet<string> MotionWords = Set("""
        went go goes going gone moved move moves moving trip travel traveled travelled traveling travelling flew fly
        flying drove drive driving road back headed heading relocated relocating came come coming returned return vacation
        holiday
        """);

    private static readonly FrozenSet<string> OriginWords = Set("am is are was were i'm he's she's we're they're came come comes originally born");

    private static readonly FrozenSet<string> PlacePrefixes = Set("mount mt lake fort cape isle port lake loch glen");

    private static readonly FrozenSet<string> WorkNouns = Set("book books novel novels film films movie movies series song songs album albums saga trilogy");

    private static readonly FrozenSet<string> PersonVerbs = Set("says said reports reported wrote writes asked asks called emailed from thinks wants told");

    public static string Of(List<Token> sentence, int start, int end, string name, string? speaker, bool productsByDefault = false)
    {
        var key = name.ToLowerInvariant();
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var prev = start > 0 ? sentence[start - 1].Key : "";
        var prev2 = start > 1 ? sentence[start - 2].Key : "";
        var next = end < sentence.Count ? sentence[end].Key : "";
        var possessive = IsPossessive(sentence[end - 1].Text);
        if (key == speaker?.ToLowerInvariant() || KnownNames.Honorifics.Contains(prev == "." || prev == "," ? prev2 : prev))
        {
            return EntityKinds.Person;
        }
        if (KnownNames.Places.Contains(key))
        {
            return EntityKinds.Place;
        }
        if (KnownNames.Organisations.Contains(key))
        {
            return EntityKinds.Organisation;
        }
        if (KnownNames.Products.Contains(key) || KnownNames.Products.Contains(words[0]) || KnownNames.ProductNouns.Contains(next)
            || HasVersion(sentence, start, end))
        {
            return EntityKinds.Product;
        }
        if ((words.Length > 1 && KnownNames.OrganisationMarks.Contains(words[^1]))
            || (prev is "at" or "for" or "by" && (WorkWords.Contains(prev2) || prev2 is "hired" or "employed"))
            || JoinWords.Contains(prev) || (prev == "from" && start > 1 && sentence[start - 2].IsCapitalised))
        {
            return EntityKinds.Organisation;
        }
        if (WorkNouns.Contains(next))
        {
            return EntityKinds.Title; // "the Harry Potter books"
        }
        if ((words.Length > 1 && (KnownNames.PlaceMarks.Contains(words[^1]) || PlacePrefixes.Contains(words[0])))
            || (!possessive && (PlaceWords.Contains(prev) || (prev == "to" && MotionWords.Contains(prev2))
                || (prev == "from" && OriginWords.Contains(prev2)))))
        {
            return EntityKinds.Place;
        }
        if (name.Length > 1 && name.All(c => char.IsUpper(c) || char.IsDigit(c) || c is '&' or '-'))
        {
            return EntityKinds.Organisation; // an acronym: IBM, NHS, UNICEF
        }
        if (productsByDefault && !PersonVerbs.Contains(next))
        {
            return EntityKinds.Product;
        }
        // Nobody is called "the Sorbonne": a name after "the" is an institution or a thing.
        return prev != "the" && words.Length <= 3 && name.Split(' ').All(IsNameShaped) ? EntityKinds.Person : EntityKinds.Organisation;
    }

    public static bool IsPossessive(string word) =>
        word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("\u2019s", StringComparison.Ordinal);

    // "Caroline", "O'Brien", "Jean-Luc": a capital and then letters.
    private static bool IsNameShaped(string word) =>
        word.Length > 0 && char.IsUpper(word[0]) && word.Skip(1).All(c => char.IsLetter(c) || c is '\'' or '-' or '\u2019');

    // "Windows 11", "iOS 17.2", "iPhone", "v2.3": a number in the name, or a capital inside a lower-case word.
    private static bool HasVersion(List<Token> sentence, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var text = sentence[i].Text;
            if (sentence[i].Kind == TokenKind.Number || text.Any(char.IsDigit) || (char.IsLower(text[0]) && text.Any(char.IsUpper)))
            {
                return true;
            }
        }
        return false;
    }
}
