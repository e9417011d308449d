using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// The verb after "I" or "we" turns third person when the pronoun becomes a name: "I love" is
/// "Caroline loves", "I'm" is "Caroline is", "we were" is "Caroline was". Past forms, modals and
/// anything that is not a present verb stay as they are.
internal static class Verbs
{
    private static FrozenSet<string> Set(string words) =>
        words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Irregular = new Dictionary<string, string>
    {
        ["am"] = "is", ["are"] = "is", ["were"] = "was", ["have"] = "has", ["do"] = "does", ["don't"] = "doesn't",
        ["dont"] = "doesn't", ["haven't"] = "hasn't", ["aren't"] = "isn't", ["weren't"] = "wasn't", ["be"] = "is",
        ["go"] = "goes", ["wanna"] = "wants to", ["gotta"] = "has to",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Forms that agree with any subject already.
    private static readonly FrozenSet<string> Unchanged = Set("""
        was wasn't can can't cannot could couldn't would wouldn't should shouldn't will won't shall may might must
        did didn't had hadn't gonna used ought need needn't better
        went got saw made took found gave told said came felt thought knew left kept brought bought began ran wrote
        read met sent spent built taught caught held heard lost paid put set sat stood understood won drew drove
        flew fell grew hung hid hit hurt led lent let lit meant quit rode rang rose shot shut sang sank slept spoke
        spun stole struck swam swung threw woke wore wove broke chose froze forgot forgave became overcame
        undertook mistook shook sold begun done gone seen taken given known shown written driven eaten fallen
        forgotten gotten hidden ridden risen spoken stolen sworn thrown woken worn broken chosen frozen been
        and or but to in on at of the a an with for so not that this it as by from about if than like
        """);

    /// The verb as it reads after a name: "love" → "loves", "watch" → "watches", "try" → "tries".
    public static string ThirdPerson(string verb)
    {
        var key = verb.ToLowerInvariant().Replace('\u2019', '\'');
        if (Irregular.TryGetValue(key, out var irregular))
        {
            return irregular;
        }
        if (Unchanged.Contains(key) || !IsPlainWord(key) || key.EndsWith("ed", StringComparison.Ordinal)
            || key.EndsWith("ing", StringComparison.Ordinal) || key.EndsWith("ly", StringComparison.Ordinal) || key.Length < 2)
        {
            return verb;
        }
        if (key.EndsWith('s') || key.EndsWith('x') || key.EndsWith('z') || key.EndsWith("ch", StringComparison.Ordinal)
            || key.EndsWith("sh", StringComparison.Ordinal) || key.EndsWith('o'))
        {
            return verb + "es";
        }
        if (key.EndsWith('y') && key.Length > 1 && !"aeiou".Contains(key[^2], StringComparison.Ordinal))
        {
            return verb[..^1] + "ies";
        }
        return verb + "s";
    }

    /// In a clause about the past only "were" changes ("we were" → "Caroline was").
    public static string PastAgreement(string verb) => string.Equals(verb, "were", StringComparison.OrdinalIgnoreCase) ? "was" : verb;

    private static bool IsPlainWord(string key)
    {
        foreach (var c in key)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }
        return true;
    }
}
