using System.Collections.Frozen;
using System.Text;

namespace Engram.Retrieval;

/// The analyser BM25 indexes and queries with, for English prose and conversation turns: runs of
/// letters and digits, lower-cased; an apostrophe inside a word stays in it ("don't" is one
/// token, "dont"), a possessive 's goes; stop words out; then Porter's step 1 (plurals, -ed,
/// -ing), light enough not to merge words a reader would keep apart.
public static class TextTokens
{
    // Lucene's English stop set (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET): only words with no
    // meaning of their own. Pronouns stay; in conversation "she" vs "he" can be the question.
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "will", "with",
    ], StringComparer.Ordinal);

    public static IEnumerable<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (IsApostrophe(c) && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                word.Append('\'');
                continue;
            }
            if (word.Length > 0 && Finish(word) is { } token)
            {
                yield return token;
            }
            word.Clear();
        }
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static string? Finish(StringBuilder word)
    {
        if (word.Length > 2 && word[^2] == '\'' && word[^1] == 's')
        {
            word.Length -= 2;
        }
        word.Replace("'", "");
        var token = word.ToString();
        return StopWords.Contains(token) ? null : PorterStep1.Stem(token);
    }
}
