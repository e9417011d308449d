using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// The edge a fact draws, when its verb says it plainly: "Caroline moved to Sweden" is "moved
/// to", "Jon works at Acme" is "works at". A verb (any of its forms) and, for some, the word that
/// must follow it; the first that appears names the relation. Anything else: no name (null).
internal static class Relations
{
    private sealed record Relation(string Label, string? Particle);

    private static readonly FrozenDictionary<string, Relation> ByVerb = Build(
        ("works at", "at", "work works worked working"),
        ("works for", "for", "work works worked working"),
        ("moved to", "to", "move moves moved moving relocated relocate"),
        ("lives in", "in", "live lives lived living"),
        ("is from", "from", "am is are was were i'm he's she's originally"),
        ("born in", "in", "born"),
        ("went to", "to", "go goes went gone"),
        ("studies at", "at", "study studies studied studying"),
        ("graduated from", "from", "graduate graduates graduated graduating"),
        ("volunteers at", "at", "volunteer volunteers volunteered volunteering"),
        ("upgraded to", "to", "upgrade upgrades upgraded upgrading"),
        ("adopted", null, "adopt adopts adopted adopting"),
        ("visited", null, "visit visits visited visiting"),
        ("married", null, "marry marries married marrying"),
        ("joined", null, "join joins joined joining"),
        ("founded", null, "found founded founds co-founded"),
        ("attended", null, "attend attends attended attending"),
        ("met", null, "meet meets met meeting"),
        ("read", null, "read reads reading reread"),
        ("watched", null, "watch watches watched watching"),
        ("bought", null, "buy buys bought buying purchase purchased purchases"),
        ("painted", null, "paint paints painted painting"),
        ("wrote", null, "write writes wrote written writing"),
        ("plays", null, "play plays played playing"),
        ("loves", null, "love loves loved loving"),
        ("started", null, "start starts started starting began begin begins"),
        ("uses", null, "use uses using"),
        ("installed", null, "install installs installed installing"),
        ("reported", null, "report reports reported reporting"),
        ("acquired", null, "acquire acquires acquired acquiring"),
        ("launched", null, "launch launches launched launching released"),
        ("hired", null, "hire hires hired hiring"),
        ("teaches", null, "teach teaches taught teaching"),
        ("runs", null, "run runs ran running"));

    private static readonly FrozenSet<string> Determiners = new[] { "a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that", "some", "any", "no" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> BeForms = new[] { "is", "am", "are", "was", "were", "been", "be", "i'm", "he's", "she's", "we're", "they're" }
        .ToFrozenSet(StringComparer.Ordinal);

    // Each verb form maps to its relations in table order; a particle-less relation ends the search for that verb.
    private static FrozenDictionary<string, Relation> Build(params (string Label, string? Particle, string Forms)[] table)
    {
        var byForm = new Dictionary<string, Relation>(StringComparer.Ordinal);
        foreach (var (label, particle, forms) in table)
        {
            foreach (var form in forms.Split(' '))
            {
                byForm.TryAdd(particle is null ? form : $"{form} {particle}", new Relation(label, particle));
            }
        }
        return byForm.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// The relation of a fact's tokens, or null; only asked when the fact names an entity besides a date.
    public static string? Of(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord)
            {
                continue;
            }
            var key = tokens[i].Key;
            var before = i > 0 ? tokens[i - 1].Key : "";
            // "a loving home", "the painting", "my reading" are nouns; "-ing" is a verb only after "is", "was"…
            if (Determiners.Contains(before) || before.EndsWith("'s", StringComparison.Ordinal)
                || (key.EndsWith("ing", StringComparison.Ordinal) && !BeForms.Contains(before)))
            {
                continue;
            }
            // The particle may sit one word on: "moved back to", "works full-time at".
            for (var j = i + 1; j < Math.Min(i + 3, tokens.Count); j++)
            {
                if (ByVerb.TryGetValue($"{key} {tokens[j].Key}", out var withParticle))
                {
                    return withParticle.Label;
                }
            }
            if (ByVerb.TryGetValue(key, out var relation))
            {
                return relation.Label;
            }
        }
        return null;
    }
}
