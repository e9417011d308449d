using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// A name said to someone rather than about them: "Hey Mel!", "Thanks, Melanie!", "That's cool,
/// Caroline!". It opens the sentence or follows a comma or a greeting, and a mark ends it.
internal static class Vocatives
{
    private static readonly FrozenSet<string> Greetings = new[]
    {
        "hey", "hi", "hello", "thanks", "thank", "bye", "wow", "oh", "congrats", "congratulations", "dear", "yo",
        "morning", "night", "welcome", "sorry", "cheers", "you", "aww", "aw", "haha", "omg", "yes", "yeah", "ok", "okay",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static void Mark(List<Token> sentence, List<Mention> mentions)
    {
        var first = sentence.FindIndex(t => t.Kind != TokenKind.Punctuation);
        for (var m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            if (mention.Kind != EntityKinds.Person)
            {
                continue;
            }
            var opens = mention.Start == first || (mention.Start > 0 && (sentence[mention.Start - 1].Is(",") || Greetings.Contains(sentence[mention.Start - 1].Key)));
            var closes = mention.End == sentence.Count || sentence[mention.End].Text is "," or "!" or "?" or "." or "…" or ":";
            if (opens && closes && !NameKind.IsPossessive(sentence[mention.End - 1].Text))
            {
                mentions[m] = mention with { Vocative = true };
            }
        }
    }
}
