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
        // The longest prefix that fits, by binary search on its length in characters...
        int fits = 0, tooLong = text.Length;
        while (tooLong - fits > 1)
        {
            var middle = fits + ((tooLong - fits) / 2);
            if (Count(text[..middle]) <= maxTokens)
            {
                fits = middle;
            }
            else
            {
                tooLong = middle;
            }
        }
        // ...then back to the last whole word, unless the text has no space to cut at.
        var prefix = text[..fits];
        var lastSpace = prefix.LastIndexOfAny([' ', '\n', '\t', '\r']);
        return lastSpace > 0 ? prefix[..lastSpace] : prefix;
    }

    /// Tokens the model would see, [CLS] and [SEP] included.
    public int Count(string text) => tokenizer.Tokenize(int.MaxValue, text)[0].Length;
}
