namespace Engram.Graph.Extraction;

/// A sentence's tokens; `OpensParagraph` when a blank line came before it, where a document's
/// pronouns stop looking back.
internal sealed record Sentence(List<Token> Tokens, bool OpensParagraph);

/// Sentences end at ".", "!", "?" or "…" followed by a space (closing quotes and brackets stay
/// with them), and at every line break; not after "Dr." or an initial ("J. K. Rowling").
internal static class Sentences
{
    // A "sentence" longer than this (a table, a list, text without punctuation) is cut into pieces of this many tokens.
    public const int LongestSentence = 120;

    public static IEnumerable<Sentence> Of(List<Token> tokens)
    {
        var current = new List<Token>();
        var opensParagraph = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.LineBefore && current.Count > 0)
            {
                yield return new Sentence(current, opensParagraph);
                (current, opensParagraph) = ([], token.ParagraphBefore);
            }
            opensParagraph |= current.Count == 0 && token.ParagraphBefore;
            current.Add(token);
            if (current.Count >= LongestSentence)
            {
                yield return new Sentence(current, opensParagraph);
                (current, opensParagraph) = ([], false);
                continue;
            }
            if (!IsTerminal(token))
            {
                continue;
            }
            var terminal = current.Count - 1;
            // The run of marks that ends it: "?!", "...", a closing quote or bracket.
            while (i + 1 < tokens.Count && !tokens[i + 1].SpaceBefore && (IsTerminal(tokens[i + 1]) || IsCloser(tokens[i + 1])))
            {
                current.Add(tokens[++i]);
            }
            var atEnd = i + 1 == tokens.Count || tokens[i + 1].SpaceBefore;
            if (atEnd && !AfterAbbreviation(current, terminal))
            {
                yield return new Sentence(current, opensParagraph);
                (current, opensParagraph) = ([], false);
            }
        }
        if (current.Count > 0)
        {
            yield return new Sentence(current, opensParagraph);
        }
    }

    private static bool IsTerminal(Token token) => token.Kind == TokenKind.Punctuation && token.Text is "." or "!" or "?" or "…" or "。" or "！" or "？";

    private static bool IsCloser(Token token) => token.Kind == TokenKind.Punctuation && token.Text is "\"" or "'" or "”" or "’" or ")" or "]" or "»";

    private static bool AfterAbbreviation(List<Token> sentence, int terminal)
    {
        if (sentence[terminal].Text != "." || terminal == 0 || sentence[terminal].SpaceBefore || !sentence[terminal - 1].IsWord)
        {
            return false;
        }
        var word = sentence[terminal - 1];
        return FunctionWords.Abbreviations.Contains(word.Key) || (word.Text.Length == 1 && char.IsUpper(word.Text[0]));
    }
}
