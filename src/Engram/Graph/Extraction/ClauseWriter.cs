using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// A clause as a fact: "Yeah, I painted that lake sunrise last year!" said by Melanie becomes
/// "Melanie painted that lake sunrise last year." Openers ("Yeah,") and the name of the person
/// spoken to go; pronouns become the names they mean, and the verb after them agrees; a reply
/// with no subject ("Gonna take the kids…") gets its speaker.
internal sealed record WrittenClause(string Text, List<string> Names, string? Relation);

internal static class ClauseWriter
{
    private static readonly FrozenSet<string> SubjectlessOpeners = new[]
    {
        "gonna", "gotta", "wanna", "going", "planning", "thinking", "trying", "looking", "hoping", "working", "heading",
        "started", "finished", "got", "went", "had", "made", "took", "saw", "bought", "just", "can't", "love", "loved",
        "hope", "need", "want", "wanted", "been", "feeling", "felt", "doing", "did", "tried", "painted", "visited", "read",
        "watched", "finally", "recently", "still", "really", "shares", "shared",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// The fact's text, the names it mentions (as written) and its relation, or null when the clause says nothing.
    public static WrittenClause? Write(List<Token> sentence, int start, int end, List<Mention> mentions, Voices voices, ExtractionRules rules)
    {
        var inClause = mentions.FindAll(m => m.Start >= start && m.End <= end);
        if (!ChitChat.SaysSomething(sentence, start, end, inClause, rules))
        {
            return null;
        }
        var output = new List<Token>(end - start + 4);
        var names = new List<string>();
        var people = new List<string>();
        var i = SkipOpeners(sentence, start, end, inClause);
        var agree = false;
        // "I beat it last night": a clause told in the past keeps its verbs as they are ("beat" is also a present).
        var past = false;
        for (var k = start; k < end && !past; k++)
        {
            past = sentence[k].Key is "yesterday" or "ago" or "last" or "earlier";
        }
        if (voices.Speaker is { } speaker && i < end && SubjectlessOpeners.Contains(sentence[i].Key) && !ChitChat.IsQuestion(sentence, start, end))
        {
            var key = sentence[i].Key;
            output.Add(new Token(speaker, TokenKind.Word, false, false));
            if (key is "gonna" or "going" || key.EndsWith("ing", StringComparison.Ordinal) || key == "been")
            {
                output.Add(new Token(key == "been" ? "has" : "is", TokenKind.Word, true, false));
            }
            agree = key is not ("been" or "gonna" or "shares") && !key.EndsWith("ing", StringComparison.Ordinal);
            names.Add(speaker);
            sentence[i] = sentence[i].With(key) with { SpaceBefore = true };
        }
        for (; i < end; i++)
        {
            var token = sentence[i];
            if (inClause.Find(m => m.Start == i) is { } mention)
            {
                i = mention.End - 1;
                if (mention.Vocative)
                {
                    // "…, Caroline!" and "Caroline, …" lose the name and its comma.
                    if (output.Count > 0 && output[^1].Is(","))
                    {
                        output.RemoveAt(output.Count - 1);
                    }
                    else if (i + 1 < end && sentence[i + 1].Is(","))
                    {
                        i++;
                    }
                    continue;
                }
                output.AddRange(sentence.GetRange(mention.Start, mention.End - mention.Start));
                names.Add(mention.Name);
                if (mention.Kind == EntityKinds.Person && !voices.IsSpeakerOrAddressee(mention.Name) && !people.Contains(mention.Name))
                {
                    people.Add(mention.Name);
                }
                agree = false;
                continue;
            }
            if (token.IsWord && Pronouns.Of(sentence, i) is { } pronoun
                && (pronoun.Voice != Voice.Named ? voices.Of(pronoun.Voice) : people.Count switch { 0 => voices.LastPerson, 1 => people[0], _ => null }) is { } who)
            {
                output.Add(new Token(pronoun.Possessive ? who + "'s" : who, TokenKind.Word, token.SpaceBefore, false));
                if (pronoun.Verb is { } verb)
                {
                    output.Add(new Token(verb, TokenKind.Word, true, false));
                }
                names.Add(who);
                agree = pronoun.Subject;
                continue;
            }
            if (agree && token.IsWord)
            {
                agree = FunctionWords.Adverbs.Contains(token.Key);
                output.Add(agree ? token : token.With(past ? Verbs.PastAgreement(token.Text) : Verbs.ThirdPerson(token.Text)));
                continue;
            }
            agree = false;
            output.Add(token);
        }
        voices.Named(people);
        return Finish(output, ChitChat.IsQuestion(sentence, start, end)) is { } text ? new WrittenClause(text, names, Relations.Of(output)) : null;
    }

    // "Yeah, …", "Wow! …", "By the way, …", and a leading "and"/"but"/"so".
    private static int SkipOpeners(List<Token> sentence, int i, int end, List<Mention> mentions)
    {
        while (i < end)
        {
            var token = sentence[i];
            if (token.Kind == TokenKind.Punctuation && !token.Is("\"") && !token.Is("“") && !token.Is("'"))
            {
                i++;
            }
            else if (token.IsWord && FunctionWords.Interjections.Contains(token.Key) && i + 1 < end && sentence[i + 1].Text is "," or "!" or "." or "…")
            {
                i += 2;
            }
            else if (token.Key == "by" && i + 3 < end && sentence[i + 1].Key == "the" && sentence[i + 2].Key == "way")
            {
                i += 3;
            }
            else if (token.Key is "and" or "but" or "so" or "also" or "plus" && i + 1 < end && sentence[i + 1].IsWord
                && !mentions.Exists(m => m.Start == i))
            {
                i++;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    // One sentence: capitalised, ending in "." (or "?" for a question kept), none of a clause's trailing commas.
    private static string? Finish(List<Token> output, bool question)
    {
        while (output.Count > 0 && output[^1].Kind == TokenKind.Punctuation && (output[^1].Text is "," or ";" or ":" or "-" or "–" or "—" or "." or "!" or "?" or "…"
            || (output[^1].Text is "]" && !output.Exists(t => t.Is("["))) || (output[^1].Text is ")" && !output.Exists(t => t.Is("(")))))
        {
            output.RemoveAt(output.Count - 1);
        }
        var words = output.Count(t => t.Kind != TokenKind.Punctuation);
        if (words < 2)
        {
            return null;
        }
        var text = Tokens.Join(output);
        return char.ToUpperInvariant(text[0]) + text[1..] + (question ? "?" : ".");
    }
}
