namespace Engram.Graph.Extraction;

public enum TokenKind { Word, Number, Punctuation }

/// One word, number or punctuation mark of a text, with the spacing before it so that a sentence
/// rebuilt from tokens reads as it was written. `LineBefore` marks a line break, which ends a sentence;
/// `ParagraphBefore` a blank line, across which a document's pronouns are not resolved.
public readonly record struct Token(string Text, TokenKind Kind, bool SpaceBefore, bool LineBefore, bool ParagraphBefore = false)
{
    public bool IsWord => Kind == TokenKind.Word;

    /// "Caroline", "LGBTQ", "iPhone": a capital anywhere but not a lone "I" (which is the speaker, not a name).
    public bool IsCapitalised => Kind == TokenKind.Word && Text != "I" && (char.IsUpper(Text[0]) || (Text.Length > 1 && Text.Skip(1).Any(char.IsUpper)));

    public bool IsLower => Kind == TokenKind.Word && char.IsLower(Text[0]);

    /// The word as the word lists spell it: lower case, with a typographic apostrophe made plain.
    public string Key => Text.ToLowerInvariant().Replace('\u2019', '\'');

    public bool Is(string punctuation) => Kind == TokenKind.Punctuation && Text == punctuation;

    public Token With(string text) => this with { Text = text };
}

/// Splits text into tokens. A word keeps its inner apostrophes, hyphens and underscores ("don't",
/// "well-known", "ERR_TIMEOUT"); a number or version keeps its inner dots, commas and colons ("2.3.1",
/// "10,000", "3:30"); every other mark is a token of its own. Linear in the text, no regular expressions.
public static class Tokens
{
    public static List<Token> Of(string text)
    {
        var tokens = new List<Token>();
        var space = false;
        var lines = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                lines += c is '\n' or '\u2028' ? 1 : c is '\u2029' ? 2 : 0;
                i++;
                continue;
            }
            var start = i;
            if (char.IsLetterOrDigit(c))
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) is
                    System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark || Joins(text, i)))
                {
                    i++;
                }
            }
            else
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
            }
            var word = text[start..i];
            var kind = char.IsLetter(c) ? TokenKind.Word : char.IsDigit(c) ? TokenKind.Number : TokenKind.Punctuation;
            tokens.Add(new Token(word, kind, space, lines > 0, lines > 1));
            space = false;
            lines = 0;
        }
        return tokens;
    }

    // A joiner stays inside a token only between two of its characters: "don't", "e-mail", "2.3", "ERR_X".
    private static bool Joins(string text, int i)
    {
        if (i + 1 >= text.Length || !char.IsLetterOrDigit(text[i - 1]) || !char.IsLetterOrDigit(text[i + 1]))
        {
            return false;
        }
        return text[i] switch
        {
            '\'' or '\u2019' => char.IsLetter(text[i + 1]),
            '-' or '_' => true,
            '.' or ',' or ':' => char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]),
            _ => false,
        };
    }

    public static string Join(IEnumerable<Token> tokens)
    {
        var text = new System.Text.StringBuilder();
        foreach (var token in tokens)
        {
            if (token.SpaceBefore && text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append(token.Text);
        }
        return text.ToString();
    }
}
