namespace Engram.Graph.Extraction;

/// Whether a clause claims anything: "lol", "Thanks, Mel!", "That's really cool" and "How are
/// you?" do not. A clause says something when it has enough words of content (words that are not
/// greetings, reactions, pronouns or glue), or one such word and a name or an "I".
internal static class ChitChat
{
    public static bool SaysSomething(List<Token> sentence, int start, int end, List<Mention> mentions, ExtractionRules rules)
    {
        var names = 0;
        var content = 0;
        var firstPerson = false;
        for (var i = start; i < end; i++)
        {
            if (mentions.Find(m => m.Start == i) is { } mention)
            {
                names += mention.Vocative ? 0 : 1;
                i = mention.End - 1;
                continue;
            }
            var token = sentence[i];
            if (token.Kind == TokenKind.Number)
            {
                content++;
            }
            else if (token.IsWord)
            {
                var key = token.Key;
                // "I" becomes the speaker and "she" may become a name: a person the claim is about.
                firstPerson |= key is "i" or "i'm" or "i've" or "i'd" or "i'll" or "my" or "me" or "we" or "we're" or "we've" or "our" or "us"
                    or "he" or "she" or "he's" or "she's" or "his" or "him";
                content += key.Length >= 3 && !FunctionWords.Fillers.Contains(key) ? 1 : 0;
            }
        }
        if (IsQuestion(sentence, start, end) && !(rules.KeepQuestionsAboutEntities && names > 0))
        {
            return false;
        }
        return content >= rules.ContentWords || (content >= 1 && (names > 0 || firstPerson)) || names >= 2;
    }

    public static bool IsQuestion(List<Token> sentence, int start, int end)
    {
        for (var i = end - 1; i >= start; i--)
        {
            if (sentence[i].Kind != TokenKind.Punctuation)
            {
                return false;
            }
            if (sentence[i].Text is "?" or "？")
            {
                return true;
            }
        }
        return false;
    }
}
