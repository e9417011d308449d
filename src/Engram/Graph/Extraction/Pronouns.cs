using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

internal enum Voice { Speaker, Addressee, Named }

/// What a pronoun becomes once we know whom it means: "I'm" is "{name} is", "my" is "{name}'s".
/// `Verb` follows the name when the pronoun held one; `Subject` when the next verb must agree
/// with the name ("I love" → "Caroline loves"); `Possessive` gives "{name}'s".
internal sealed record Pronoun(Voice Voice, bool Possessive, string? Verb, bool Subject);

internal static class Pronouns
{
    private static readonly FrozenDictionary<string, Pronoun> Table = new Dictionary<string, Pronoun>
    {
        ["i"] = new(Voice.Speaker, false, null, true),
        ["i'm"] = new(Voice.Speaker, false, "is", false),
        ["i've"] = new(Voice.Speaker, false, "has", false),
        ["i'd"] = new(Voice.Speaker, false, "would", false),
        ["i'll"] = new(Voice.Speaker, false, "will", false),
        ["me"] = new(Voice.Speaker, false, null, false),
        ["myself"] = new(Voice.Speaker, false, null, false),
        ["my"] = new(Voice.Speaker, true, null, false),
        ["mine"] = new(Voice.Speaker, true, null, false),
        // "We" is the speaker and others; the fact keeps the speaker, the one memory is about.
        ["we"] = new(Voice.Speaker, false, null, true),
        ["we're"] = new(Voice.Speaker, false, "is", false),
        ["we've"] = new(Voice.Speaker, false, "has", false),
        ["we'd"] = new(Voice.Speaker, false, "would", false),
        ["we'll"] = new(Voice.Speaker, false, "will", false),
        ["us"] = new(Voice.Speaker, false, null, false),
        ["our"] = new(Voice.Speaker, true, null, false),
        ["ours"] = new(Voice.Speaker, true, null, false),
        ["you"] = new(Voice.Addressee, false, null, true),
        ["you're"] = new(Voice.Addressee, false, "is", false),
        ["you've"] = new(Voice.Addressee, false, "has", false),
        ["you'd"] = new(Voice.Addressee, false, "would", false),
        ["you'll"] = new(Voice.Addressee, false, "will", false),
        ["your"] = new(Voice.Addressee, true, null, false),
        ["yours"] = new(Voice.Addressee, true, null, false),
        ["yourself"] = new(Voice.Addressee, false, null, false),
        ["he"] = new(Voice.Named, false, null, false),
        ["she"] = new(Voice.Named, false, null, false),
        ["he's"] = new(Voice.Named, true, null, false),
        ["she's"] = new(Voice.Named, true, null, false),
        ["he'd"] = new(Voice.Named, false, "would", false),
        ["she'd"] = new(Voice.Named, false, "would", false),
        ["he'll"] = new(Voice.Named, false, "will", false),
        ["she'll"] = new(Voice.Named, false, "will", false),
        ["him"] = new(Voice.Named, false, null, false),
        ["his"] = new(Voice.Named, true, null, false),
        ["hers"] = new(Voice.Named, true, null, false),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // After these, "you" starts a clause (a subject); elsewhere it is an object ("I'll call you").
    private static readonly FrozenSet<string> ClauseOpeners = new[]
    {
        "and", "but", "so", "that", "if", "when", "because", "then", "since", "as", "while", "after", "before", "until",
        "unless", "though", "although", "cause", "coz",
    }.ToFrozenSet(StringComparer.Ordinal);

    // "her" before these is an object ("gave her a book", "met her yesterday"); before anything else a possessive.
    private static readonly FrozenSet<string> AfterObjectHer = new[]
    {
        "a", "an", "the", "to", "and", "or", "but", "that", "this", "with", "for", "at", "in", "on", "about", "up", "out",
        "off", "back", "again", "too", "so", "yesterday", "today", "tomorrow", "last", "next", "when", "if", "how", "what",
        "some", "all", "more", "once", "twice", "there", "here", "from", "by", "as", "into", "over", "since", "because",
        "first", "later", "soon", "now", "then", "well", "very", "really", "every", "yet", "still",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static Pronoun? Of(List<Token> sentence, int i)
    {
        var key = sentence[i].Key;
        if (key == "her")
        {
            var possessive = i + 1 < sentence.Count && sentence[i + 1].IsWord && !AfterObjectHer.Contains(sentence[i + 1].Key);
            return new(Voice.Named, possessive, null, false);
        }
        if (!Table.TryGetValue(key, out var pronoun))
        {
            return null;
        }
        if (pronoun.Voice == Voice.Addressee && pronoun.Subject && i > 0 && sentence[i - 1].IsWord && !ClauseOpeners.Contains(sentence[i - 1].Key))
        {
            return pronoun with { Subject = false };
        }
        return pronoun;
    }
}
