using System.Text;
using BERTTokenizers.Base;

namespace Engram.Embeddings;

/// Cuts a text to the model's token limit before it reaches the package. The package itself cuts
/// token lists at 512 and drops the closing [SEP] on the way, which the model was never trained
/// on; a text cut here, at a word boundary, keeps [CLS] … [SEP] and the model's real limit
/// (256 for MiniLM). The tokenizer only reads its vocabulary, so one instance serves all threads.
internal sealed class InputTruncator(TokenizerBase tokenizer, int maxTokens)
{
    public string Fit(string text)
    {
        // WordPiece never yields more tokens than characters (plus [CLS] and [SEP]) for ASCII;
        // other scripts are transliterated first and may grow, so they are counted.
        if (text.Length + 2 <= maxTokens && Ascii.IsValid(text))
        {
            return text;
        }
        if (Count(text) <= maxTokens)
        {
            return text;
        }
        // The longest run of whole words that fits, by binary search over the word ends (a cut
        // inside a word can need more tokens than the whole word, so characters would mislead)...
        var wordEnds = new List<int>();
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                wordEnds.Add(i);
            }
        }
        var fitting = LongestFitting(wordEnds, end => text[..end]);
        if (fitting >= 0)
        {
            return text[..wordEnds[fitting]];
        }
        // ...or, when even the first word is too long (a text without spaces), the longest prefix.
        var firstWord = wordEnds.Count > 0 ? wordEnds[0] : text.Length;
        var lengths = Enumerable.Range(1, firstWord).ToList();
        return text[..lengths[Math.Max(0, LongestFitting(lengths, length => text[..length]))]];
    }

    /// The last index whose prefix fits, assuming longer prefixes never need fewer tokens; -1 if none does.
    private int LongestFitting(List<int> cuts, Func<int, string> prefix)
    {
        int fits = -1, tooLong = cuts.Count;
        while (tooLong - fits > 1)
        {
            var middle = fits + ((tooLong - fits) / 2);
            if (Count(prefix(cuts[middle])) <= maxTokens)
            {
                fits = middle;
            }
            else
            {
                tooLong = middle;
            }
        }
        return fits;
    }

    /// Tokens the model would see, [CLS] and [SEP] included.
    public int Count(string text) => tokenizer.Tokenize(int.MaxValue, text)[0].Length;
}
